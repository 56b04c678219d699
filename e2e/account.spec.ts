import type { Page } from '@playwright/test';
import { NEW_USER_PASSWORD, codeFromInbox, signInWithPassword, signUp, typeCode, uniqueEmail } from './support/accounts.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The account flows of Clerk's own components against the emulator, with the
 * codes read where a developer reads them, the local inbox page: the password
 * changed in <UserProfile>, "Forgot password?" on /sign-in, and a second email
 * address added, verified and made primary. Each test signs up its own user,
 * so the seeded accounts keep their password for the other specs.
 */
const PASSWORD = NEW_USER_PASSWORD;

async function openUserProfile(page: Page) {
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /manage account/i }).click();
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
