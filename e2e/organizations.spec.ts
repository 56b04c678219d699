import type { Page } from '@playwright/test';
import { expect, signInThroughForm, test } from './support/fixtures.ts';

/** Titles unique to one test run, so tests never see each other's posts. */
const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const switcher = (page: Page) => page.getByRole('button', { name: /open organization switcher/i });

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
