import type { BrowserContext, Locator, Page } from '@playwright/test';
import { LOCAL_INBOX_PATH, LOCAL_VERIFICATION_CODE } from '../shared/local-clerk.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The account flows of Clerk's own components against the emulator, with the
 * codes read where a developer reads them, the local inbox page: the password
 * changed in <UserProfile>, "Forgot password?" on /sign-in, and a second email
 * address added, verified and made primary. Each test signs up its own user,
 * so the seeded accounts keep their password for the other specs.
 */
const PASSWORD = 'a-long-enough-password';
const uniqueEmail = (label: string, test = false) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${test ? '+clerk_test' : ''}@example.com`;

/**
 * The code of the newest message of `kind` to `to`, read from the inbox page in a tab of its own, as a developer
 * would. Clerk's code cards send their code as they appear, so the page is reloaded until that message is there.
 */
async function codeFromInbox(context: BrowserContext, to: string, kind: 'Verification code' | 'Password reset code'): Promise<string> {
  const inbox = await context.newPage();
  const newest = inbox.getByRole('article').first();
  await expect(async () => {
    await inbox.goto(`${LOCAL_INBOX_PATH}?to=${encodeURIComponent(to)}`);
    await expect(inbox.getByRole('heading', { level: 1, name: `Local inbox: ${to}` })).toBeVisible();
    await expect(newest).toContainText(`${kind} to ${to}`, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  const code = (await newest.locator('.code').textContent()) ?? '';
  await inbox.close();
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

/** Clerk's one-digit-per-box code field: typed from its first box (in `within`, the page by default). */
async function typeCode(page: Page, code: string, within: Page | Locator = page) {
  const first = within.getByRole('textbox').first();
  await expect(first).toBeEditable();
  await first.click();
  await page.keyboard.type(code, { delay: 50 });
}

async function signUp(page: Page, email: string) {
  await page.goto('/sign-up');
  await page.getByLabel(/email address/i).fill(email);
  await page.getByLabel(/^password$/i).fill(PASSWORD);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page.getByText(/verify your email/i)).toBeVisible();
  await typeCode(page, email.includes('+clerk_test') ? LOCAL_VERIFICATION_CODE : await codeFromInbox(page.context(), email, 'Verification code'));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);
}

async function openUserProfile(page: Page) {
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /manage account/i }).click();
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await page.getByLabel(/email address/i).fill(email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await page.getByLabel(/^password$/i).fill(password);
  await page.getByRole('button', { name: /^continue$/i }).click();
}

test('a password changed in <UserProfile> is the one that signs in next', async ({ page, signOut }) => {
  const email = uniqueEmail('password', true);
  await signUp(page, email);

  await openUserProfile(page);
  await page.getByRole('button', { name: /^security$/i }).click();
  await page.getByRole('button', { name: /update password/i }).click();
  await page.getByLabel(/current password/i).fill('not-the-password');
  await page.getByLabel(/^new password/i).fill('a-changed-password');
  await page.getByLabel(/confirm password/i).fill('a-changed-password');
  // Clerk's form submits nothing until it has compared the two fields (a click before that is ignored).
  await expect(page.getByText(/passwords match/i).first()).toBeVisible();
  await page.getByRole('button', { name: /^save$/i }).click();
  await expect(page.getByText(/password is incorrect/i).first()).toBeVisible();

  await page.getByLabel(/current password/i).fill(PASSWORD);
  await page.getByRole('button', { name: /^save$/i }).click();
  // Saved: the form closes back to the security page (the sign-in below proves what was saved).
  await expect(page.getByLabel(/current password/i)).toBeHidden();
  await expect(page.getByRole('button', { name: /update password/i })).toBeVisible();
  await page.keyboard.press('Escape');
  await signOut();

  await signInWithPassword(page, email, PASSWORD);
  await expect(page.getByText(/password is incorrect/i).first()).toBeVisible();
  await page.getByLabel(/^password$/i).fill('a-changed-password');
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);
});

test('"Forgot password?" on /sign-in resets the password with the code from the inbox page', async ({ page, context, signOut }) => {
  const email = uniqueEmail('forgot');
  await signUp(page, email);
  await signOut();

  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await page.getByLabel(/email address/i).fill(email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await page
    .getByRole('link', { name: /forgot password/i })
    .or(page.getByRole('button', { name: /forgot password/i }))
    .click();
  await page.getByRole('button', { name: /reset your password/i }).click();
  await expect(page.getByText(/enter the code sent to your email address/i)).toBeVisible();
  await typeCode(page, await codeFromInbox(context, email, 'Password reset code'));

  await expect(page.getByText(/set new password/i)).toBeVisible();
  await page.getByLabel(/^new password/i).fill('a-reset-password');
  await page.getByLabel(/confirm password/i).fill('a-reset-password');
  await expect(page.getByText(/passwords match/i).first()).toBeVisible();
  await page.getByRole('button', { name: /reset password/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);

  await signOut();
  await signInWithPassword(page, email, 'a-reset-password');
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('a second email address is added, verified with its code and made primary', async ({ page, context }) => {
  const email = uniqueEmail('first', true);
  const second = uniqueEmail('second');
  await signUp(page, email);

  await openUserProfile(page);
  const profile = page.getByRole('dialog');
  await profile.getByRole('button', { name: /add email address/i }).click();
  await profile.getByLabel(/email address/i).fill(second);
  await profile.getByRole('button', { name: /^add$/i }).click();
  await expect(profile.getByText(/enter the verification code sent to/i)).toBeVisible();
  await typeCode(page, await codeFromInbox(context, second, 'Verification code'), profile);
  await expect(profile.getByText(/enter the verification code sent to/i)).toBeHidden();
  await expect(profile.getByText(second, { exact: true })).toBeVisible();

  // The new address's row (the nearest element around it with a menu): "Open menu", then "Set as primary".
  const row = profile.getByText(second, { exact: true }).locator('xpath=ancestor::*[.//*[@role="menuitem"]][1]');
  await expect(row.getByText(/^primary$/i)).toHaveCount(0);
  await row.getByRole('menuitem', { name: /open menu/i }).click();
  await page.getByRole('menuitem', { name: /set as primary/i }).click();
  await expect(row.getByText(/^primary$/i)).toBeVisible();
  await page.keyboard.press('Escape');

  // The API hears of it through user.updated, and the page refreshes its profile.
  await expect(page.getByTestId('api-profile')).toContainText(second);
});
