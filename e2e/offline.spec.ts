import { expect, signInThroughForm, test } from './support/fixtures.ts';

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('offline: a write waits for the network, a page that cannot load says so, and both recover once back online', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
  await signInThroughForm(page, 'member');
  await expect(page.getByRole('heading', { name: 'Posts', level: 1 })).toBeVisible();
  await expect(page.getByText(/You are offline/)).toHaveCount(0);

  const chunks: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.resourceType() === 'script') chunks.push(new URL(request.url()).pathname);
  });
  await context.setOffline(true);
  await expect(page.getByText(/You are offline/)).toBeVisible();

  // Publish while offline: the button says what it waits for instead of spinning.
  const title = unique('Written offline');
  const form = page.getByRole('form', { name: 'New post' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Body').fill('Sent once the network is back.');
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(form.getByRole('button', { name: 'Waiting for the network…' })).toBeDisabled();

  // The dashboard's chunk was never loaded: it cannot be now.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'The network is unavailable', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/localhost|dynamically imported|Failed to fetch/);
  // Asked for twice: the first attempt and the one automatic retry.
  expect(chunks.filter((path) => path.includes('dashboard'))).toHaveLength(2);

  const published = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/posts');
  await context.setOffline(false);

  // Nothing to click: the page loads by itself, and the waiting post goes out.
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText(/You are offline/)).toHaveCount(0);
  expect((await published).status()).toBe(201);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
});
