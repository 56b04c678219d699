import type { Page } from '@playwright/test';
import { ARTIFACTS_DIR } from './support/origins.ts';
import { SCHEMES, VIEWPORTS, horizontalOverflow, present, seriousViolations, type Finding, type ViewportName } from './support/audit.ts';
import { expect, signInThroughForm, test } from './support/fixtures.ts';

/**
 * Every page, signed out and signed in, light and dark, desktop and 375 px:
 * no serious or critical WCAG A/AA violation (axe), and no page wider than
 * a 320 or 375 px screen. One navigation per page; the colour scheme and the
 * viewport change under it, as the app follows both live.
 */
interface AuditedPage {
  name: string;
  path: () => string;
  /** Resolves once the page shows what it is for, not a loading state. */
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

async function clerkForm(page: Page) {
  await expect(page.getByLabel(/email address/i)).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Local mode: development accounts' })).toBeVisible();
}

/**
 * Opens <UserProfile> from the user menu, then its `tab` (Profile when null)
 * and, within it, the form behind `button`, ready once `field` shows.
 */
function userProfilePanel(tab: RegExp | null = null, button?: RegExp, field?: RegExp) {
  return async (page: Page) => {
    await page.getByRole('button', { name: /open user menu/i }).click();
    await page.getByRole('button', { name: /manage account/i }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Profile details' })).toBeVisible();
    if (tab) {
      await dialog.getByRole('button', { name: tab }).click();
      await expect(dialog.getByRole('heading', { level: 1, name: tab })).toBeVisible();
    }
    if (button && field) {
      await dialog.getByRole('button', { name: button }).click();
      await expect(dialog.getByLabel(field).first()).toBeVisible();
    }
    // Off the panel: the pointer left on a button shows its hover colours, which are not what is audited.
    await page.mouse.move(0, 0);
  };
}

async function audit(page: Page, audited: AuditedPage) {
  await page.goto(audited.path());
  await audited.ready(page);
  const problems: Record<string, Finding[] | { overflow: number; culprits: string[] }> = {};
  for (const scheme of SCHEMES) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      await present(page, scheme, VIEWPORTS[viewport]);
      // Light gets every rule; dark only the colour rules, as nothing else changes with the scheme.
      const findings = await seriousViolations(page, { colours: scheme === 'dark' });
      if (findings.length > 0) problems[`${scheme}, ${viewport}`] = findings;
    }
  }
  for (const width of [320, 375]) {
    await present(page, 'light', { width, height: 800 });
    const overflow = await horizontalOverflow(page);
    if (overflow.overflow > 0) problems[`wider than ${width} px`] = overflow;
  }
  expect(problems, `${audited.name}: serious or critical axe violations, or horizontal overflow`).toEqual({});
}

const signedOutPages: AuditedPage[] = [
  { name: 'home', path: () => '/', ready: async (page) => expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible() },
  { name: 'sign-in', path: () => '/sign-in', ready: clerkForm },
  { name: 'sign-up', path: () => '/sign-up', ready: clerkForm },
  { name: 'not found', path: () => '/no-such-page', ready: heading('Page not found') },
];

test.describe('signed out', () => {
  for (const audited of signedOutPages) {
    test(`${audited.name} is accessible and fits a phone`, async ({ page }) => {
      await audit(page, audited);
    });
  }
});

test("the local-mode hint's table fits its box, beside Clerk's card and on a phone", async ({ page }) => {
  await page.goto('/sign-in');
  const hint = page.getByRole('complementary', { name: 'Local mode: development accounts' });
  await expect(hint.getByRole('table')).toBeVisible();
  for (const width of [1280, 1024, 375, 320]) {
    await present(page, 'light', { width, height: 800 });
    const sizes = await hint.evaluate((aside) => {
      const style = getComputedStyle(aside);
      const inner = aside.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { inner, table: aside.querySelector('table')!.getBoundingClientRect().width };
    });
    expect(sizes.table, `the table at ${width} px`).toBeLessThanOrEqual(sizes.inner);
  }
});

/** The outline a focused element shows: our :focus-visible ring, or none. */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return {
      name: element.textContent?.trim() || element.getAttribute('aria-label') || element.tagName,
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
    };
  });
}

test('the keyboard: skip link first, a visible ring on every stop, focus on the heading after a navigation', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  // The first load leaves focus where the browser puts it.
  await expect(page.locator('body')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  expect(await focusRing(page)).toMatchObject({ style: 'solid', width: 2 });
  // Every stop of the header, then the page's own link: each shows the ring.
  for (const name of ['Clerk SPA + API', 'Home', 'Dashboard', 'Sign in']) {
    await page.keyboard.press('Tab');
    expect(await focusRing(page)).toEqual({ name, style: 'solid', width: 2 });
  }
  await page.keyboard.press('Tab');
  expect(await focusRing(page)).toEqual({ name: 'Go to the home page', style: 'solid', width: 2 });

  // From the skip link, the next Tab is past the header: the page's own link.
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Clerk SPA + API' })).toBeFocused();
});

test.describe('signed in', () => {
  const storageState = `${ARTIFACTS_DIR}a11y-admin-state.json`;
  let postPath = '';

  // One sign-in for the whole group: the admin (also an admin of Globex) sees every page, and writes the post to audit.
  test.beforeAll(async ({ browser }) => {
    // Not the group's storage state (test.use applies to this context too): it does not exist yet.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/posts'));
    await signInThroughForm(page, 'admin');
    await expect(page).toHaveURL(/\/posts$/);
    const title = `Accessible post ${Date.now().toString(36)}`;
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Body').fill('Written by the accessibility audit.');
    await form.getByRole('button', { name: 'Publish' }).click();
    postPath = (await page.getByRole('article', { name: title }).getByRole('link', { name: title }).getAttribute('href')) ?? '';
    expect(postPath).toMatch(/^\/posts\//);
    await context.storageState({ path: storageState });
    await context.close();
  });
  // Read when each test's context is made, after beforeAll has written it.
  test.use({ storageState });

  const signedInPages: AuditedPage[] = [
    { name: 'home', path: () => '/', ready: async (page) => expect(page.getByRole('heading', { name: /welcome back/i })).toBeVisible() },
    {
      name: 'dashboard',
      path: () => '/dashboard',
      ready: async (page) => {
        for (const id of ['api-me', 'api-profile', 'api-hello']) await expect(page.getByTestId(id)).toContainText(/\S/);
      },
    },
    { name: 'posts', path: () => '/posts', ready: async (page) => expect(page.getByRole('article').first()).toBeVisible() },
    { name: 'post', path: () => postPath, ready: heading(/^Accessible post/) },
    { name: 'organization posts', path: () => '/orgs/globex', ready: heading('Globex') },
    {
      name: 'organization members',
      path: () => '/orgs/globex/members',
      ready: async (page) => {
        await heading('Globex members')(page);
        await expect(page.getByRole('listitem').first()).toBeVisible();
      },
    },
    {
      name: 'organization settings',
      path: () => '/orgs/globex/settings',
      ready: async (page) => {
        await heading('Globex settings')(page);
        await expect(page.getByRole('button', { name: /^members$/i })).toBeVisible();
      },
    },
    {
      name: 'admin',
      path: () => '/admin',
      ready: async (page) => expect(page.getByText(/^Showing 1–/)).toBeVisible(),
    },
    { name: 'not found', path: () => '/no-such-page', ready: heading('Page not found') },
    // Clerk's <UserProfile> panels the emulator answers, opened from the user menu on the dashboard.
    { name: 'account profile', path: () => '/dashboard', ready: userProfilePanel() },
    { name: 'add email address', path: () => '/dashboard', ready: userProfilePanel(null, /add email address/i, /email address/i) },
    { name: 'account security', path: () => '/dashboard', ready: userProfilePanel(/^security$/i) },
    { name: 'update password', path: () => '/dashboard', ready: userProfilePanel(/^security$/i, /update password/i, /current password/i) },
  ];

  for (const audited of signedInPages) {
    test(`${audited.name} is accessible and fits a phone`, async ({ page }) => {
      await audit(page, audited);
    });
  }

  test("the keyboard: a navigation focuses the page's heading, an opened editor its first field", async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' }).press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Posts' })).toBeFocused();

    const post = page.getByRole('article').filter({ hasText: 'Accessible post' }).first();
    await post.getByRole('button', { name: /^Edit/ }).press('Enter');
    await expect(page.getByRole('form', { name: /^Edit/ }).getByLabel('Title')).toBeFocused();
    expect(await focusRing(page)).toMatchObject({ style: 'solid', width: 2 });
  });
});
