import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { NEW_USER_PASSWORD, signUp, uniqueEmail as uniqueAddress } from './support/accounts.ts';
import { expect, isLoopback, test } from './support/fixtures.ts';

/**
 * `<UserProfile>`'s security page and what it changes, through Clerk's own
 * components against the emulator. Each test signs up its own user, so the
 * seeded accounts the other specs sign in with stay as they are.
 */
const PASSWORD = NEW_USER_PASSWORD;
// +clerk_test addresses: their sign-up code is 424242, as on a Clerk development instance.
const uniqueEmail = (label: string) => uniqueAddress(label, true);

async function openSecurity(page: Page): Promise<void> {
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /manage account/i }).click();
  await page.getByRole('button', { name: /^security$/i }).click();
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByRole('textbox', { name: /verification code/i }).click();
  await page.keyboard.type(code, { delay: 50 });
}

test('two-step verification set up in <UserProfile> with an authenticator code, then asked for at sign-in', async ({ page }) => {
  const email = uniqueEmail('totp');
  await signUp(page, email);
  await openSecurity(page);

  await page.getByRole('menuitem', { name: /add two-step verification/i }).click();
  const created = page.waitForResponse(
    (response) => new URL(response.url()).pathname.endsWith('/v1/me/totp') && response.request().method() === 'POST',
  );
  await page.getByRole('menuitem', { name: /authenticator application/i }).click();
  const secret = ((await (await created).json()) as { response: { secret: string } }).response.secret;
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  await page.getByRole('button', { name: /^continue$/i }).click();
  await typeCode(page, totp.generate());
  await expect(page.getByText(/backup codes/i).first()).toBeVisible();
  await page.getByRole('button', { name: /^finish$/i }).click();
  await expect(page.getByText(/authenticator application/i).first()).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /^sign out$/i }).click();
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await page.getByLabel(/email address/i).fill(email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await page.getByLabel(/^password$/i).fill(PASSWORD);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page.getByText(/two-step verification/i).first()).toBeVisible();
  // The set-up used this 30-second step's code, and a code works once: the next step's (within the drift allowed).
  await typeCode(page, totp.generate({ timestamp: Date.now() + 30_000 }));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('api-profile')).toContainText(email);
});

/** A second browser (its own cookies and client), held to loopback as the fixtures hold the first. */
async function secondBrowser(browser: Browser, baseURL: string | undefined): Promise<{ context: BrowserContext; escaped: string[] }> {
  const context = await browser.newContext({ ...(baseURL ? { baseURL } : {}) });
  const escaped: string[] = [];
  await context.route(
    (url) => !isLoopback(url),
    async (route) => {
      escaped.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return { context, escaped };
}

async function signInWithPassword(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await page.getByLabel(/email address/i).fill(email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await page.getByLabel(/^password$/i).fill(PASSWORD);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test('another device signed out from <UserProfile>’s active devices is signed out there', async ({ page, browser, baseURL }) => {
  const email = uniqueEmail('devices');
  await signUp(page, email);
  const other = await secondBrowser(browser, baseURL);
  try {
    const phone = await other.context.newPage();
    await signInWithPassword(phone, email);

    await openSecurity(page);
    // Both browsers are listed; only the other one has a menu (this one's is signed out with the user button).
    await expect(page.getByText(/this device/i)).toBeVisible();
    const otherDeviceMenu = page.getByRole('menuitem', { name: /open menu/i });
    await expect(otherDeviceMenu).toHaveCount(1);
    await otherDeviceMenu.click();
    const revoked = page.waitForResponse((response) => /\/v1\/me\/sessions\/[^/]+\/revoke$/.test(new URL(response.url()).pathname));
    await page.getByRole('menuitem', { name: /sign out of device/i }).click();
    // clerk-js keeps the list it loaded (User.getSessions caches it): the answer is what tells the revocation.
    expect(((await (await revoked).json()) as { response: { status: string } }).response.status).toBe('revoked');

    await phone.reload();
    await expect(phone.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
    expect(other.escaped, 'requests that would have left this machine').toEqual([]);
  } finally {
    await other.context.close();
  }
});

test('an account deleted in <UserProfile> is gone: signed out, and its email no longer signs in', async ({ page }) => {
  const email = uniqueEmail('deleted');
  await signUp(page, email);
  await openSecurity(page);
  await page.getByRole('button', { name: /^delete account$/i }).click();
  await page.getByRole('textbox', { name: /delete account/i }).fill('Delete account');
  await page
    .getByRole('button', { name: /^delete account$/i })
    .last()
    .click();
  await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();

  await page.goto('/sign-in');
  await page.getByLabel(/email address/i).fill(email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page.getByText(/couldn't find your account/i).first()).toBeVisible();
});

// A 1×1 PNG: small enough to inline, real enough for the browser to draw.
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('a profile image uploaded in <UserProfile> is stored by the emulator and shown from the SPA’s own origin', async ({ page, baseURL }) => {
  await signUp(page, uniqueEmail('image'));
  await page.getByRole('button', { name: /open user menu/i }).click();
  await page.getByRole('button', { name: /manage account/i }).click();
  await page.getByRole('button', { name: /update profile/i }).click();
  const uploaded = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/v1/me/profile_image'));
  await page.locator('input[type="file"]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  // The image is saved as it is chosen (Clerk's Save stays for the names).
  expect((await uploaded).status()).toBe(200);

  // The user button shows the upload, served through the proxy path: same origin, so the CSP's img-src 'self' holds.
  await page.keyboard.press('Escape');
  const avatar = page.getByRole('button', { name: /open user menu/i }).locator('img');
  await expect(avatar).toHaveAttribute('src', new RegExp(`^${baseURL}/__clerk/v1/images/user_\\w+\\.png`));
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
});
