import type { Page, Response } from '@playwright/test';
import { signUp, uniqueEmail } from './support/accounts.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Passkeys through Clerk's own components against the emulator, with
 * Chromium's virtual authenticator (DevTools protocol) as the device: a
 * platform authenticator that keeps discoverable credentials and verifies
 * its user by itself.
 */
/** A platform authenticator that answers at once, as a user who taps it. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  // clerk-js offers WebAuthn only to a browser it deems valid, and `navigator.webdriver` (true under Playwright) is not one.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

async function openSecurity(page: Page): Promise<void> {
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /manage account/i }).click();
  await page.getByRole('button', { name: /^security$/i }).click();
}

const isAttempt = (response: Response) => /\/v1\/client\/sign_ins\/[^/]+\/attempt_first_factor$/.test(new URL(response.url()).pathname);

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /^sign out$/i }).click();
  await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
}

test('a passkey added in <UserProfile> and renamed signs in by autofill and by "Use passkey", then is removed', async ({ page }) => {
  await addVirtualAuthenticator(page);
  const email = uniqueEmail('passkey', true);
  await signUp(page, email);
  await openSecurity(page);

  const registered = page.waitForResponse((response) => /\/v1\/me\/passkeys\/[^/]+\/attempt_verification$/.test(new URL(response.url()).pathname));
  await page.getByRole('button', { name: /add a passkey/i }).click();
  expect((await registered).status()).toBe(200);
  const profile = page.locator('.cl-userProfile-root');
  await expect(profile.getByText('Chrome passkey')).toBeVisible();

  await profile.getByRole('menuitem', { name: /open menu/i }).click();
  await page.getByRole('menuitem', { name: /^rename$/i }).click();
  await page.getByLabel(/name of passkey/i).fill('Test laptop');
  await page.getByRole('button', { name: /^save$/i }).click();
  await expect(profile.getByText('Test laptop')).toBeVisible();
  await page.keyboard.press('Escape');

  // Autofill: <SignIn> asks for a passkey as the page opens (conditional mediation), and the authenticator answers.
  await signOut(page);
  const autofilled = page.waitForResponse(isAttempt);
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  expect((await autofilled).status()).toBe(200);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);

  // "Use passkey", in a browser that offers no passkey autofill: the button's request is then the only one the
  // authenticator can answer. (With autofill on, Chromium's pending conditional request raced the button's.)
  await signOut(page);
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
  });
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  const usePasskey = page.getByRole('link', { name: /use passkey/i });
  await expect(usePasskey).toBeVisible();
  const signedIn = page.waitForResponse(isAttempt);
  await usePasskey.click();
  expect((await signedIn).status()).toBe(200);
  await expect(page).toHaveURL(/\/dashboard$/);

  await openSecurity(page);
  await expect(profile.getByText('Test laptop')).toBeVisible();
  await profile.getByRole('menuitem', { name: /open menu/i }).click();
  await page.getByRole('menuitem', { name: /^remove$/i }).click();
  await page.getByRole('button', { name: /^remove$/i }).click();
  await expect(profile.getByText('Test laptop')).toHaveCount(0);
});
