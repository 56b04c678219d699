import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { LOCAL_INBOX_PATH, LOCAL_VERIFICATION_CODE } from '../../shared/local-clerk.ts';

/**
 * Accounts a test makes for itself through Clerk's <SignUp>, so that what it changes (a password, a role, a name)
 * never reaches a test running beside it on a seeded account.
 */
export const NEW_USER_PASSWORD = 'a-long-enough-password';

/** An address no other test uses; with `clerkTest` it takes the development code 424242, as on Clerk's development instances. */
export const uniqueEmail = (label: string, clerkTest = false) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${clerkTest ? '+clerk_test' : ''}@example.com`;

/**
 * The code of the newest message of `kind` to `to`, read from the inbox page in a tab of its own, as a developer
 * would. Clerk's code cards send their code as they appear, so the page is reloaded until that message is there.
 */
export async function codeFromInbox(context: BrowserContext, to: string, kind: 'Verification code' | 'Password reset code'): Promise<string> {
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
export async function typeCode(page: Page, code: string, within: Page | Locator = page) {
  const first = within.getByRole('textbox').first();
  await expect(first).toBeEditable();
  await first.click();
  await page.keyboard.type(code, { delay: 50 });
}

/** Signs up `email` through <SignUp> (its code from the inbox unless it is a `+clerk_test` address) and lands on the dashboard. */
export async function signUp(page: Page, email: string) {
  await page.goto('/sign-up');
  await page.getByLabel(/email address/i).fill(email);
  await page.getByLabel(/^password$/i).fill(NEW_USER_PASSWORD);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page.getByText(/verify your email/i)).toBeVisible();
  await typeCode(page, email.includes('+clerk_test') ? LOCAL_VERIFICATION_CODE : await codeFromInbox(page.context(), email, 'Verification code'));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);
}

/** Clerk's <SignIn> with an address and password of a test's own user, from /sign-in. */
export async function signInWithPassword(page: Page, email: string, password: string, redirect = '/dashboard') {
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent(redirect));
  await page.getByLabel(/email address/i).fill(email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await page.getByLabel(/^password$/i).fill(password);
  await page.getByRole('button', { name: /^continue$/i }).click();
}
