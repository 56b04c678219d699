import type { Page } from '@playwright/test';
import { expect, signInThroughForm, test } from './support/fixtures.ts';
import { createOrganization, switcher } from './support/organizations.ts';

/** Titles unique to one test run, so tests never see each other's posts. */
const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Through Clerk's `<OrganizationSwitcher>` in the header. */
async function choose(page: Page, account: string) {
  await switcher(page).click();
  await page
    .getByRole('group', { name: /list of all accounts/i })
    .getByRole('button', { name: new RegExp(account) })
    .click();
}

/** Publishes from the page's form and returns the API's answer: the post as stored. */
async function publish(page: Page, title: string) {
  const form = page.getByRole('form', { name: 'New post' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Body').fill('Written by the end-to-end suite.');
  const created = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/posts');
  await form.getByRole('button', { name: 'Publish' }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  return (await response.json()) as { organizationId: string | null };
}

for (const page of ['', '/members', '/settings']) {
  test(`choosing Personal account on /orgs/acme${page} leaves the organization, and the next post is the person's`, async ({ page: tab }) => {
    test.setTimeout(120_000);
    await tab.goto('/sign-in?redirect_url=' + encodeURIComponent(`/orgs/acme${page}`));
    await signInThroughForm(tab, 'orgAdmin');
    await expect(tab).toHaveURL(new RegExp(`/orgs/acme${page}$`));
    await expect(switcher(tab)).toContainText('Acme Inc');

    await choose(tab, 'Personal account');
    // The organization pages have no personal counterpart: the person's posts are the nearest page.
    await expect(tab).toHaveURL(/\/posts$/);
    await expect(switcher(tab)).toContainText('Personal account');
    await expect(tab.getByRole('heading', { name: 'Posts', level: 1 })).toBeVisible();
    // Long enough for a page that would set the organization back to have done so.
    await tab.waitForTimeout(1_000);
    await expect(switcher(tab)).toContainText('Personal account');

    const post = await publish(tab, unique('Personal after leaving Acme'));
    expect(post.organizationId).toBeNull();
  });
}

test('a new name and slug saved in <OrganizationProfile> show at once, the URL follows, and a reload opens the page', async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Difference Engines ${suffix}`;
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
  await signInThroughForm(page, 'member');
  await expect(page).toHaveURL(/\/posts$/);
  // An organization of this test's own, so the seeded ones keep their slugs for the other tests.
  await createOrganization(page, name);
  await expect(switcher(page)).toContainText(name);

  await page.goto(`/orgs/difference-engines-${suffix}/settings`);
  await expect(page.getByRole('heading', { level: 1, name: `${name} settings` })).toBeVisible();
  await page.getByRole('button', { name: /update profile/i }).click();
  await page.getByLabel(/^name$/i).fill(`Analytical Engines ${suffix}`);
  await page.getByLabel(/^slug$/i).fill(`analytical-${suffix}`);
  await page.getByRole('button', { name: /^save$/i }).click();

  await expect(page).toHaveURL(new RegExp(`/orgs/analytical-${suffix}/settings`));
  await expect(page.getByRole('heading', { level: 1, name: `Analytical Engines ${suffix} settings` })).toBeVisible();
  await expect(page.getByRole('link', { name: `← Analytical Engines ${suffix}` })).toHaveAttribute('href', `/orgs/analytical-${suffix}`);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Analytical Engines ${suffix} settings` })).toBeVisible();
  await expect(page.getByText('You are not a member of this organization')).toHaveCount(0);
});

// A 1×1 PNG: small enough to inline, real enough for the browser to draw.
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The logo endpoint's answer to `method`, which clerk-js sends as `POST ?_method=…`. */
const logoAnswer = (page: Page, method: 'PUT' | 'DELETE') =>
  page.waitForResponse((response) => {
    const url = new URL(response.url());
    return /\/v1\/organizations\/org_\w+\/logo$/.test(url.pathname) && (url.searchParams.get('_method') ?? response.request().method()) === method;
  });

test('a logo uploaded in <OrganizationProfile> can be removed there, and the generated one comes back', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Logo Works ${suffix}`;
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
  await signInThroughForm(page, 'member');
  await expect(page).toHaveURL(/\/posts$/);
  // An organization of this test's own, which its creator administers: the seeded ones keep their images.
  await createOrganization(page, name);
  await expect(switcher(page)).toContainText(name);
  await page.goto(`/orgs/logo-works-${suffix}/settings`);
  await expect(page.getByRole('heading', { level: 1, name: `${name} settings` })).toBeVisible();
  const logo = switcher(page).locator('img');
  const generated = new RegExp(`^${baseURL}/__clerk/v1/avatars/org_\\w+/avatar_placeholder\\.svg`);
  await expect(logo).toHaveAttribute('src', generated);

  await page.getByRole('button', { name: /update profile/i }).click();
  const uploaded = logoAnswer(page, 'PUT');
  await page.locator('input[type="file"]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  expect((await uploaded).status()).toBe(200);
  // Served through the proxy path, as the profile image is: same origin, so the CSP's img-src 'self' holds.
  await expect(logo).toHaveAttribute('src', new RegExp(`^${baseURL}/__clerk/v1/images/org_\\w+\\.png`));

  await page.getByRole('button', { name: /update profile/i }).click();
  const removed = logoAnswer(page, 'DELETE');
  await page.getByRole('button', { name: /^remove$/i }).click();
  expect((await removed).status()).toBe(200);
  await expect(logo).toHaveAttribute('src', generated);
  // The emulator forgot it too: a fresh page asks it again.
  await page.reload();
  await expect(switcher(page).locator('img')).toHaveAttribute('src', generated);
});
