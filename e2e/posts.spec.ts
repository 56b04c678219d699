import type { Page } from '@playwright/test';
import { NEW_USER_PASSWORD, signInWithPassword, signUp, uniqueEmail } from './support/accounts.ts';
import { expect, signInThroughForm, test, type SeededUserKey } from './support/fixtures.ts';

/** Titles unique to one test run, so tests never see each other's posts. */
const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Leaves the app signed out, whoever was signed in. */
async function signOutIfSignedIn(page: Page) {
  await page.goto('/');
  const userMenu = page.getByRole('button', { name: /open user menu/i });
  // Clerk decides after it loads: wait for the signed-in or the signed-out header.
  await expect(userMenu.or(page.getByRole('link', { name: /sign in/i }).first())).toBeVisible();
  if (await userMenu.isVisible()) {
    await userMenu.click();
    await page.getByRole('button', { name: /^sign out$/i }).click();
    await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
  }
}

const endsWithPath = (path: string) => new RegExp(`${path.replace(/[?]/g, '\\?')}$`);

/** Signs in as `user` (signing out whoever is signed in) and lands on `path`. */
async function actAs(page: Page, user: SeededUserKey, path: string) {
  await signOutIfSignedIn(page);
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent(path));
  await signInThroughForm(page, user);
  await expect(page).toHaveURL(endsWithPath(path));
}

async function publish(page: Page, title: string, body = 'Written by the end-to-end suite.') {
  const form = page.getByRole('form', { name: 'New post' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Body').fill(body);
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
}

async function deletePost(page: Page, title: string) {
  const post = page.getByRole('article', { name: title });
  await post.getByRole('button', { name: `Delete “${title}”` }).click();
  await post.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete post' }).click();
  await expect(page.getByRole('article', { name: title })).toHaveCount(0);
}

/** Through Clerk's `<OrganizationSwitcher>` in the header. */
async function switchOrganization(page: Page, name: string) {
  const trigger = page.getByRole('button', { name: /open organization switcher/i });
  // Clerk lists only the accounts one can switch to, not the active one.
  if ((await trigger.textContent())?.includes(name)) return;
  await trigger.click();
  await page
    .getByRole('group', { name: /list of all accounts/i })
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await expect(trigger).toContainText(name);
}

test('a member creates, edits and deletes a post, which another user can never see', async ({ page }) => {
  const title = unique('Tea on Tuesday');
  await actAs(page, 'member', '/posts');
  await publish(page, title);

  const edited = `${title} (moved to Wednesday)`;
  const post = page.getByRole('article', { name: title });
  await post.getByRole('button', { name: `Edit “${title}”` }).click();
  const editForm = page.getByRole('form', { name: `Edit “${title}”` });
  await editForm.getByLabel('Title').fill(edited);
  await editForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('article', { name: edited })).toBeVisible();
  const href = await page.getByRole('article', { name: edited }).getByRole('link', { name: edited }).getAttribute('href');
  expect(href).toMatch(/^\/posts\/[0-9a-f-]{36}$/);

  await actAs(page, 'outsider', '/posts');
  await expect(page.getByRole('article', { name: edited })).toHaveCount(0);
  await page.goto(href!);
  await expect(page.getByRole('heading', { name: 'Post not found' })).toBeVisible();
  await expect(page.getByText(edited)).toHaveCount(0);

  await actAs(page, 'member', '/posts');
  await deletePost(page, edited);
  await page.goto(href!);
  await expect(page.getByRole('heading', { name: 'Post not found' })).toBeVisible();
});

test("a moderator deletes someone else's post", async ({ page }) => {
  const title = unique('Spam to moderate');
  await actAs(page, 'member', '/posts');
  await publish(page, title);

  await actAs(page, 'moderator', '/posts?scope=all');
  await expect(page.getByRole('button', { name: 'All posts' })).toHaveAttribute('aria-pressed', 'true');
  const post = page.getByRole('article', { name: title });
  await expect(post).toBeVisible();
  await expect(post.getByRole('button', { name: `Edit “${title}”` })).toHaveCount(0);
  await deletePost(page, title);

  await actAs(page, 'member', '/posts');
  await expect(page.getByRole('heading', { name: 'Posts', level: 1 })).toBeVisible();
  await expect(page.getByRole('article', { name: title })).toHaveCount(0);
});

test('an admin makes a user a moderator, and that user can then moderate', async ({ page }) => {
  const title = unique('Post for the new moderator');
  await actAs(page, 'member', '/posts');
  await publish(page, title);
  // A user of this test's own: a seeded one made moderator would be one to the tests running beside it.
  const email = uniqueEmail('moderator-to-be', true);
  await signOutIfSignedIn(page);
  await signUp(page, email);

  await actAs(page, 'admin', '/admin');
  await page.getByLabel('Search users').fill(email);
  const roles = page.getByRole('group', { name: `Role of ${email}` });
  await roles.getByRole('button', { name: 'Make moderator' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: email })).toContainText(/moderator/i);

  await signOutIfSignedIn(page);
  await signInWithPassword(page, email, NEW_USER_PASSWORD, '/posts?scope=all');
  await expect(page).toHaveURL(endsWithPath('/posts?scope=all'));
  await expect(page.getByRole('button', { name: 'All posts' })).toHaveAttribute('aria-pressed', 'true');
  await deletePost(page, title);
});

test("switching organization shows that organization's posts", async ({ page }) => {
  const title = unique('Acme quarterly plan');
  await actAs(page, 'orgAdmin', '/posts');
  await switchOrganization(page, 'Acme Inc');
  await publish(page, title);

  await actAs(page, 'member', '/posts');
  await switchOrganization(page, 'Personal account');
  await expect(page.getByRole('heading', { name: 'Posts', level: 1 })).toBeVisible();
  await expect(page.getByRole('article', { name: title })).toHaveCount(0);
  await switchOrganization(page, 'Acme Inc');
  await expect(page.getByRole('article', { name: title })).toBeVisible();
  await expect(page.getByRole('article', { name: title }).getByRole('button', { name: /delete/i })).toHaveCount(0);
});

test("another member sees an organization post with its author's name, which the API learnt from the emulator's webhooks", async ({ page }) => {
  const title = unique('Acme offsite');
  await actAs(page, 'orgAdmin', '/posts');
  await switchOrganization(page, 'Acme Inc');
  await publish(page, title);
  await expect(page.getByRole('article', { name: title })).toContainText('By you');

  await actAs(page, 'member', '/posts');
  await switchOrganization(page, 'Acme Inc');
  const post = page.getByRole('article', { name: title });
  // The seed's user.created reached the API (POST /api/webhooks/clerk) when the suite started.
  await expect(post).toContainText('By Katherine Johnson');
  await expect(post).not.toContainText(/Unknown user|user_/);
});

test('a non-member visiting an organization page sees the not-a-member page', async ({ page }) => {
  await actAs(page, 'member', '/posts');
  await page.goto('/orgs/globex');
  await expect(page.getByRole('heading', { name: 'You are not a member of this organization' })).toBeVisible();
  await page.goto('/orgs/acme');
  await expect(page.getByRole('button', { name: /open organization switcher/i })).toContainText('Acme Inc');
});
