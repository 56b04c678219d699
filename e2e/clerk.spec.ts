import { readFileSync } from 'node:fs';
import { LOCAL_VERIFICATION_CODE } from '../shared/local-clerk.ts';
import { signUp, uniqueEmail } from './support/accounts.ts';
import { SEEDED_USERS, expect, signInThroughForm, test } from './support/fixtures.ts';
import { createOrganization, switcher } from './support/organizations.ts';

/**
 * Clerk's own clerk-js and components, served from node_modules through the
 * proxy path and talking to the emulator: the flows people use them for.
 */
const pinnedClerkJs = (
  JSON.parse(readFileSync(new URL('../node_modules/@clerk/clerk-js/package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('the page runs the pinned clerk-js, loaded through the proxy path', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/sign-in');
  await expect(page.getByLabel(/email address/i)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { Clerk?: { version?: string } }).Clerk?.version)).toBe(pinnedClerkJs);
  expect(scripts).toEqual(
    expect.arrayContaining(['/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js', '/__clerk/npm/@clerk/ui@1/dist/ui.browser.js']),
  );
});

test('a new user signs up with a +clerk_test address and its code 424242, and lands signed in', async ({ page }) => {
  const email = `${unique('new').replace(/\W+/g, '-')}+clerk_test@example.com`;
  await page.goto('/sign-up');
  // Names are optional on this instance, and Clerk's <SignUp> asks only for what is required.
  await page.getByLabel(/email address/i).fill(email);
  await page.getByLabel(/^password$/i).fill('a-long-enough-password');
  await page.getByRole('button', { name: /^continue$/i }).click();

  await expect(page.getByText(/verify your email/i)).toBeVisible();
  await page.getByRole('textbox').first().click();
  await page.keyboard.type('000000');
  await expect(page.getByText(/incorrect code/i).first()).toBeVisible();
  // Clerk's code field clears itself after a wrong code; type once it has.
  const firstDigit = page.getByRole('textbox').first();
  await expect(firstDigit).toHaveValue('');
  await expect(firstDigit).toBeEditable();
  await firstDigit.click();
  await page.keyboard.type(LOCAL_VERIFICATION_CODE, { delay: 50 });

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);
});

test('a name changed in <UserProfile> shows at once in the API’s profile answer', async ({ page }) => {
  // A user of this test's own, so no test beside it sees a seeded user renamed.
  await signUp(page, uniqueEmail('renamed', true));

  const first = unique('Amazing');
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /manage account/i }).click();
  await page.getByRole('button', { name: /update profile/i }).click();
  await page.getByLabel(/first name/i).fill(first);
  await page.getByRole('button', { name: /^save$/i }).click();
  await page.keyboard.press('Escape');

  await expect(page.getByTestId('api-profile')).toContainText(first);
});

test('an organization created in the switcher becomes active and holds posts', async ({ page }) => {
  const name = unique('Analytical Engines');
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
  await signInThroughForm(page, 'member');
  await expect(page).toHaveURL(/\/posts$/);

  await createOrganization(page, name);
  await expect(switcher(page)).toContainText(name);

  await page.goto('/posts');
  const title = unique('First post in the new organization');
  const form = page.getByRole('form', { name: 'New post' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Body').fill('Posted where the organization can read it.');
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
});

test('an organization admin manages members in <OrganizationProfile>', async ({ page }) => {
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/orgs/acme/settings'));
  await signInThroughForm(page, 'orgAdmin');
  await expect(page).toHaveURL(/\/orgs\/acme\/settings/);
  await page.getByRole('button', { name: /^members$/i }).click();
  await expect(page.getByText(SEEDED_USERS.member.email)).toBeVisible();
  await expect(page.getByText(SEEDED_USERS.moderator.email)).toBeVisible();
});

test('a page left open past a token lifetime still writes: clerk-js refreshes its token', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
  await signInThroughForm(page, 'member');
  await expect(page).toHaveURL(/\/posts$/);
  // The emulator mints 20-second tokens for this suite (CLERK_EMULATOR_TOKEN_TTL_SECONDS).
  await page.waitForTimeout(25_000);
  const title = unique('Written after the first token expired');
  const form = page.getByRole('form', { name: 'New post' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Body').fill('Still signed in.');
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
});

test('signing out in one tab signs the other tab out too', async ({ page, context, signOut }) => {
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await signInThroughForm(page, 'member');
  await expect(page.getByTestId('api-profile')).toContainText(SEEDED_USERS.member.email);

  const other = await context.newPage();
  await other.goto('/dashboard');
  await expect(other.getByTestId('api-profile')).toContainText(SEEDED_USERS.member.email);

  await signOut();
  await expect(other.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
  await expect(other.getByText(SEEDED_USERS.member.email)).toHaveCount(0);
});
