import type { Page } from '@playwright/test';
import { horizontalOverflow, present } from './support/audit.ts';
import { expect, signInThroughForm, test } from './support/fixtures.ts';
import { clerkMenus, contentColumn, edgeMargins, headerLayout, holdClerkScript, navPosition } from './support/layout.ts';

/**
 * The layout's one grid, measured in Chromium: a header of two rows at most
 * on a phone, a main nav that stays where it is while the session loads and
 * whatever the organization is called, one content column for every page,
 * and Clerk's two menus the same distance from the screen's edges.
 */
const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 800 };
/** Two rows of at most 40 px (Clerk's switcher is the tallest item), the 8 px between them and the header's padding; three rows were 133 px. */
const TWO_ROWS_MAX_HEIGHT = 112;

/** The nav's position at both widths, the page left as it is. */
async function navAtBothWidths(page: Page) {
  await present(page, 'light', PHONE);
  const phone = await navPosition(page);
  await present(page, 'light', DESKTOP);
  return { phone, desktop: await navPosition(page) };
}

async function expectTwoRowsAtMost(page: Page, when: string) {
  for (const width of [375, 320]) {
    await present(page, 'light', { width, height: 800 });
    const header = await headerLayout(page);
    expect(header.rows, `header rows at ${width} px, ${when}`).toBeLessThanOrEqual(2);
    expect(header.height, `header height at ${width} px, ${when}`).toBeLessThanOrEqual(TWO_ROWS_MAX_HEIGHT);
    expect(await horizontalOverflow(page), `nothing wider than ${width} px, ${when}`).toMatchObject({ overflow: 0 });
  }
}

test('the header keeps its nav in place and to two rows on a phone, the pages share one column, the menus one margin', async ({ page }) => {
  test.setTimeout(120_000);

  // While Clerk loads, then signed out.
  const clerk = await holdClerkScript(page);
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Loading your account' })).toBeVisible();
  const loading = await navAtBothWidths(page);
  await expectTwoRowsAtMost(page, 'while Clerk loads');
  clerk.release();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  expect(await navAtBothWidths(page), 'the nav signed out, as while Clerk loaded').toEqual(loading);
  await expectTwoRowsAtMost(page, 'signed out');

  // Signed in with the personal account: Posts and Admin join the nav, the switcher says "Personal account".
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await signInThroughForm(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toBeVisible();
  await expect(page.locator('.cl-organizationSwitcherTrigger')).toBeVisible();
  expect(await navAtBothWidths(page), 'the nav signed in, as while Clerk loaded').toEqual(loading);
  await expectTwoRowsAtMost(page, 'signed in');
  await present(page, 'light', DESKTOP);
  const dashboard = await contentColumn(page);

  await page.goto('/posts');
  await expect(page.getByRole('form', { name: 'New post' })).toBeVisible();
  expect(await contentColumn(page), 'the posts page in the dashboard’s column').toEqual(dashboard);

  // Globex active: the switcher's label changes, the nav does not move.
  await page.goto('/orgs/globex/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Globex settings' })).toBeVisible();
  await expect(page.locator('.cl-organizationSwitcherTrigger')).toContainText('Globex');
  await expect(page.locator('.cl-cardBox')).toBeVisible();
  expect(await contentColumn(page), 'the settings page, Clerk’s card included, in the dashboard’s column').toEqual(dashboard);
  expect(await navAtBothWidths(page), 'the nav with an organization active, as while Clerk loaded').toEqual(loading);
  await expectTwoRowsAtMost(page, 'with an organization active');

  // A long organization name (Clerk's label, lengthened in place) is cut with an ellipsis: nothing moves, nothing wraps.
  await page
    .locator('.cl-organizationSwitcherTrigger .cl-organizationPreviewMainIdentifier')
    .evaluate((label) => (label.textContent = 'Globex International Holdings, Subsidiaries and Affiliates Worldwide'));
  expect(await navAtBothWidths(page), 'the nav with a long organization name, as while Clerk loaded').toEqual(loading);
  await expectTwoRowsAtMost(page, 'with a long organization name');
  await page.reload();
  await expect(page.locator('.cl-organizationSwitcherTrigger')).toContainText('Globex');

  // Clerk's two menus on a phone: the same margin on both sides, and the same for both.
  await present(page, 'light', PHONE);
  await page.getByRole('button', { name: /open user menu/i }).click();
  const userMenu = await edgeMargins(clerkMenus.user(page));
  await page.keyboard.press('Escape');
  await expect(clerkMenus.user(page)).toBeHidden();
  await page.locator('.cl-organizationSwitcherTrigger').click();
  const organizationMenu = await edgeMargins(clerkMenus.organizations(page));
  await page.keyboard.press('Escape');
  expect(userMenu.left, 'the user menu’s margins').toBe(userMenu.right);
  expect(userMenu.left).toBeGreaterThanOrEqual(8);
  expect(organizationMenu, 'the switcher’s menu, placed as the user menu').toEqual(userMenu);
});
