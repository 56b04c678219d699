import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { present } from './support/audit.ts';
import { expect, signInThroughForm, test } from './support/fixtures.ts';
import { clerkMenus, contentColumn, edgeMargins, headerLayout, holdClerkScript, navPosition } from './support/layout.ts';
import { ARTIFACTS_DIR } from './support/origins.ts';

/**
 * A measurement, not a test (`npm run measure:layout`; `npm test` does not
 * run it): the header's height and rows, where the main nav starts while
 * Clerk loads, signed out and signed in, the content column of three pages,
 * and the margins of Clerk's two menus, at 375 and 1280 px. Screenshots of the
 * header, the menus and two pages go to `e2e/.artifacts/layout/`, the figures
 * to `figures-*.json` there.
 */
const OUT = `${ARTIFACTS_DIR}layout/`;
const WIDTHS = [375, 1280] as const;

/** A loaded machine (the end-to-end servers, Chromium and the build share it) is slower than a test expects. */
const patient = expect.configure({ timeout: 30_000 });

/** Each test's figures in a file of its own (a failed test restarts the worker, which forgets module state). */
function record(name: string, figures: unknown) {
  writeFileSync(`${OUT}figures-${name}.json`, JSON.stringify(figures, null, 2) + '\n');
  console.log(name, JSON.stringify(figures, null, 2));
}

/** Screenshots once every image (the avatars) has loaded. */
async function imagesLoaded(page: Page) {
  await page.waitForFunction(() => [...document.images].every((image) => image.complete), undefined, { timeout: 30_000 });
}

async function screenshotHeader(page: Page, name: string) {
  await imagesLoaded(page);
  await page.getByRole('banner').screenshot({ path: `${OUT}${name}.png` });
}

test.beforeAll(() => mkdirSync(OUT, { recursive: true }));
test.setTimeout(180_000);

test('signed out, and while Clerk loads', async ({ page }) => {
  const figures: Record<string, unknown> = {};
  for (const width of WIDTHS) {
    await present(page, 'light', { width, height: 800 });
    const clerk = await holdClerkScript(page);
    await page.goto('/');
    await patient(page.getByRole('status', { name: 'Loading your account' })).toBeVisible();
    const loading = { header: await headerLayout(page), nav: await navPosition(page) };
    await screenshotHeader(page, `header-loading-${width}`);
    clerk.release();
    await patient(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    const signedOut = { header: await headerLayout(page), nav: await navPosition(page) };
    await screenshotHeader(page, `header-signed-out-${width}`);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    figures[`${width} px`] = { loading, signedOut };
  }
  record('signed-out', figures);
});

// One sign-in per width: the settings page makes Globex active, and the dashboard is measured with the personal account first.
for (const width of WIDTHS) {
  test(`signed in at ${width} px: header, menus and pages`, async ({ page }) => {
    await present(page, 'light', { width, height: 800 });
    await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
    await signInThroughForm(page, 'admin');
    await patient(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await patient(page.getByRole('link', { name: 'Admin' })).toBeVisible();
    const at: Record<string, unknown> = {};

    // The personal account, then Globex active: the switcher's label changes length.
    await page.goto('/dashboard');
    for (const id of ['api-me', 'api-profile', 'api-hello']) await patient(page.getByTestId(id)).toContainText(/\S/);
    at.personal = { header: await headerLayout(page), nav: await navPosition(page) };
    await screenshotHeader(page, `header-signed-in-${width}`);
    at.dashboard = await contentColumn(page);
    at.editNameButtonHeight = (await page.getByRole('button', { name: 'Edit name' }).boundingBox())?.height;
    await imagesLoaded(page);
    await page.screenshot({ path: `${OUT}dashboard-${width}.png`, fullPage: true });

    await page.getByRole('button', { name: /open user menu/i }).click();
    await patient(clerkMenus.user(page)).toBeVisible();
    at.userMenu = await edgeMargins(clerkMenus.user(page));
    await imagesLoaded(page);
    await page.screenshot({ path: `${OUT}user-menu-${width}.png` });
    await page.keyboard.press('Escape');
    await patient(clerkMenus.user(page)).toBeHidden();

    await page.locator('.cl-organizationSwitcherTrigger').click();
    await patient(clerkMenus.organizations(page)).toBeVisible();
    at.organizationMenu = await edgeMargins(clerkMenus.organizations(page));
    await imagesLoaded(page);
    await page.screenshot({ path: `${OUT}organization-menu-${width}.png` });
    await page.keyboard.press('Escape');
    await patient(clerkMenus.organizations(page)).toBeHidden();

    await page.goto('/posts');
    await patient(page.getByRole('heading', { level: 1, name: 'Posts' })).toBeVisible();
    await patient(page.getByRole('form', { name: 'New post' })).toBeVisible();
    at.posts = await contentColumn(page);
    await imagesLoaded(page);
    await page.screenshot({ path: `${OUT}posts-${width}.png`, fullPage: true });

    await page.goto('/orgs/globex/settings');
    await patient(page.getByRole('heading', { level: 1, name: 'Globex settings' })).toBeVisible();
    await patient(page.locator('.cl-cardBox')).toBeVisible();
    at.settings = await contentColumn(page);
    at.organization = { header: await headerLayout(page), nav: await navPosition(page) };
    await screenshotHeader(page, `header-organization-${width}`);
    await imagesLoaded(page);
    await page.screenshot({ path: `${OUT}settings-${width}.png`, fullPage: true });

    record(`signed-in-${width}`, at);
  });
}
