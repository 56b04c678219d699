import type { Page } from '@playwright/test';
import { LOCAL_INBOX_PATH } from '../shared/local-clerk.ts';
import { NEW_USER_PASSWORD, signInWithPassword, signUp, uniqueEmail } from './support/accounts.ts';
import { expect, signInThroughForm, test } from './support/fixtures.ts';
import { createOrganization, switcher } from './support/organizations.ts';

/**
 * Organization invitations through Clerk's own components against the emulator: an admin invites an
 * address in <OrganizationProfile>, a new user signs up with it, finds the invitation in
 * <OrganizationSwitcher> and joins, and the admin then sees them among the members. Each test works in an
 * organization of its own, so the seeded ones keep their members for the specs running beside it.
 */
/** From /posts: the dashboard has a "Name" field of its own, behind Clerk's modal. */
async function createOrganizationFromPosts(page: Page, name: string) {
  await page.goto('/posts');
  await createOrganization(page, name);
}

async function chooseMemberRoleAndSend(page: Page) {
  await page.getByRole('button', { name: /select role/i }).click();
  await page.getByRole('option', { name: /^member$/i }).click();
  await page.getByRole('button', { name: /send invitations/i }).click();
  await expect(page.getByText(/invitations successfully sent/i)).toBeVisible();
}

test('an invited address signs up, joins from <OrganizationSwitcher>, and is a member on the members page', async ({ page, signOut }) => {
  test.setTimeout(120_000);
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const [admin, invited] = [uniqueEmail('admin', true), uniqueEmail('invited', true)];
  await signUp(page, admin);
  await createOrganizationFromPosts(page, `Guild ${suffix}`);
  await page.getByRole('button', { name: /^skip$/i }).click();
  await expect(switcher(page)).toContainText(`Guild ${suffix}`);

  await page.goto(`/orgs/guild-${suffix}/settings`);
  await page.getByRole('button', { name: /^members$/i }).click();
  await page.getByRole('button', { name: /^invite$/i }).click();
  await page.getByPlaceholder(/example@email\.com/).fill(invited);
  await chooseMemberRoleAndSend(page);
  await page.goto(`/orgs/guild-${suffix}/settings/organization-members`);
  await page.getByRole('tab', { name: /^invitations\b/i }).click();
  await expect(page.getByText(invited)).toBeVisible();
  // The message Clerk would have emailed is on the emulator's inbox page.
  await page.goto(`${LOCAL_INBOX_PATH}?to=${encodeURIComponent(invited)}`);
  await expect(page.getByRole('article').first()).toContainText(`invited to join Guild ${suffix}`);
  await page.goto('/dashboard');
  await signOut();

  await signUp(page, invited);
  await switcher(page).click();
  await page.getByRole('button', { name: /^join$/i }).click();
  await expect(page.getByRole('button', { name: new RegExp(`Guild ${suffix}`) }).first()).toBeVisible();
  await page.goto('/dashboard');
  await signOut();

  await signInWithPassword(page, admin, NEW_USER_PASSWORD, `/orgs/guild-${suffix}/members`);
  await expect(page).toHaveURL(new RegExp(`/orgs/guild-${suffix}/members$`));
  await expect(page.getByText(invited)).toBeVisible();
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
  await createOrganizationFromPosts(page, `Invitees ${suffix}`);
  // Clerk's invite step: several addresses at once, each made a tag by the comma typed after it.
  await page.getByPlaceholder(/example@email\.com/).pressSequentially(`${kept},${revoked},`);
  await chooseMemberRoleAndSend(page);

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

test('the link in the invitation email signs the invited address up, with no code, and into the organization', async ({ page, signOut }) => {
  test.setTimeout(120_000);
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const invited = uniqueEmail('ticket');
  await signUp(page, uniqueEmail('admin', true));
  await createOrganizationFromPosts(page, `Ticketed ${suffix}`);
  await page.getByPlaceholder(/example@email\.com/).pressSequentially(`${invited},`);
  await chooseMemberRoleAndSend(page);
  await page.goto('/dashboard');
  await signOut();

  // The email's link, as the invited person would follow it: Clerk's sign-up page with the invitation's ticket.
  await page.goto(`${LOCAL_INBOX_PATH}?to=${encodeURIComponent(invited)}`);
  const link = await page.getByRole('link', { name: /accept the invitation/i }).getAttribute('href');
  expect(link).toMatch(/\/sign-up\?.*__clerk_ticket=/);
  await page.goto(link ?? '');
  // The ticket proves the address: <SignUp> asks for a password only, and no code.
  await page.getByLabel(/^password$/i).fill(NEW_USER_PASSWORD);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await expect(page).not.toHaveURL(/\/sign-up/);
  await expect(page.getByText(/verify your email/i)).toHaveCount(0);

  await page.goto(`/orgs/ticketed-${suffix}`);
  await expect(switcher(page)).toContainText(`Ticketed ${suffix}`);
  await page.goto('/dashboard');
  await expect(page.getByTestId('api-profile')).toContainText(invited);
});
