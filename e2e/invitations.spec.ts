import type { Page } from '@playwright/test';
import { LOCAL_INBOX_PATH, LOCAL_VERIFICATION_CODE } from '../shared/local-clerk.ts';
import { expect, signInThroughForm, test } from './support/fixtures.ts';

/**
 * Organization invitations through Clerk's own components against the emulator: an admin invites an
 * address in <OrganizationProfile>, a new user signs up with it, finds the invitation in
 * <OrganizationSwitcher> and joins, and the admin then sees them among the members.
 */
const switcher = (page: Page) => page.getByRole('button', { name: /open organization switcher/i });

async function signUp(page: Page, email: string) {
  await page.goto('/sign-up');
  await page.getByLabel(/email address/i).fill(email);
  await page.getByLabel(/^password$/i).fill('a-long-enough-password');
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page.getByText(/verify your email/i)).toBeVisible();
  const first = page.getByRole('textbox').first();
  await expect(first).toBeEditable();
  await first.click();
  await page.keyboard.type(LOCAL_VERIFICATION_CODE, { delay: 50 });
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function inviteThroughOrganizationProfile(page: Page, email: string) {
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/orgs/acme/settings'));
  await signInThroughForm(page, 'orgAdmin');
  await expect(page).toHaveURL(/\/orgs\/acme\/settings$/);
  await page.getByRole('button', { name: /^members$/i }).click();
  await page.getByRole('button', { name: /^invite$/i }).click();
  await page.getByPlaceholder(/example@email\.com/).fill(email);
  await page.getByRole('button', { name: /select role/i }).click();
  await page.getByRole('option', { name: /^member$/i }).click();
  await page.getByRole('button', { name: /send invitations/i }).click();
  await expect(page.getByText(/invitations successfully sent/i)).toBeVisible();
}

test('an invited address signs up, joins from <OrganizationSwitcher>, and is a member on the members page', async ({ page, signOut }) => {
  test.setTimeout(120_000);
  const email = `invited-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}+clerk_test@example.com`;
  await inviteThroughOrganizationProfile(page, email);
  await page.goto('/orgs/acme/settings/organization-members');
  await page.getByRole('tab', { name: /^invitations\b/i }).click();
  await expect(page.getByText(email)).toBeVisible();
  // The message Clerk would have emailed is on the emulator's inbox page.
  await page.goto(`${LOCAL_INBOX_PATH}?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole('article').first()).toContainText('invited to join Acme Inc');
  await page.goto('/dashboard');
  await signOut();

  await signUp(page, email);
  await switcher(page).click();
  await page.getByRole('button', { name: /^join$/i }).click();
  await expect(page.getByRole('button', { name: /acme inc/i }).first()).toBeVisible();
  await page.goto('/dashboard');
  await signOut();

  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/orgs/acme/members'));
  await signInThroughForm(page, 'orgAdmin');
  await expect(page).toHaveURL(/\/orgs\/acme\/members$/);
  await expect(page.getByText(email)).toBeVisible();
});

test('the invite step after "Create organization" invites two addresses, and one revoked in <OrganizationProfile> leaves the list', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const [kept, revoked] = [`kept-${suffix}@example.com`, `revoked-${suffix}@example.com`];
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
  await signInThroughForm(page, 'member');
  await expect(page).toHaveURL(/\/posts$/);
  // An organization of this test's own, so the seeded ones keep their invitations for the other test.
  await switcher(page).click();
  await page.getByRole('button', { name: /create organization/i }).click();
  await page.getByLabel(/^name$/i).fill(`Invitees ${suffix}`);
  await page
    .getByRole('button', { name: /create organization/i })
    .last()
    .click();
  // Clerk's invite step: several addresses at once, each made a tag by the comma typed after it.
  await page.getByPlaceholder(/example@email\.com/).pressSequentially(`${kept},${revoked},`);
  await page.getByRole('button', { name: /select role/i }).click();
  await page.getByRole('option', { name: /^member$/i }).click();
  await page.getByRole('button', { name: /send invitations/i }).click();
  await expect(page.getByText(/invitations successfully sent/i)).toBeVisible();

  await page.goto(`/orgs/invitees-${suffix}/settings/organization-members`);
  await page.getByRole('tab', { name: /^invitations\b/i }).click();
  await expect(page.getByText(kept)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: revoked });
  await row.getByRole('button').last().click();
  await page.getByRole('menuitem', { name: /revoke invitation/i }).click();
  await expect(page.getByText(revoked)).toHaveCount(0);
  await page.reload();
  await page.getByRole('tab', { name: /^invitations\b/i }).click();
  await expect(page.getByText(kept)).toBeVisible();
  await expect(page.getByText(revoked)).toHaveCount(0);
});
