import type { Locator, Page } from '@playwright/test';

/** Rounded to a tenth of a pixel: layout figures, not sub-pixel noise. */
const round = (value: number) => Math.round(value * 10) / 10;

export interface HeaderLayout {
  height: number;
  /** How many distinct lines the header's items sit on (an item's top, to the pixel). */
  rows: number;
}

/** The header's height and its rows: the logo, the main nav and the account corner are its items. */
export async function headerLayout(page: Page): Promise<HeaderLayout> {
  return page.getByRole('banner').evaluate((header) => {
    const items = [...(header.firstElementChild?.children ?? [])].filter((item) => item.getBoundingClientRect().height > 0);
    const tops = items.map((item) => item.getBoundingClientRect().top).sort((a, b) => a - b);
    // Items on one row may differ in height and so in top by a few pixels; a new row starts well below.
    const rows = tops.filter((top, index) => index === 0 || top - tops[index - 1]! > 12).length;
    return { height: Math.round(header.getBoundingClientRect().height * 10) / 10, rows };
  });
}

/** Where the main nav starts, and where its first link is: what a shifting nav would move. */
export async function navPosition(page: Page): Promise<{ navLeft: number; firstLinkLeft: number }> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const navBox = await nav.boundingBox();
  const linkBox = await nav.getByRole('link').first().boundingBox();
  if (!navBox || !linkBox) throw new Error('The main nav is not laid out');
  return { navLeft: round(navBox.x), firstLinkLeft: round(linkBox.x) };
}

export interface ContentColumn {
  /** The page's own root element, inside <main>: the column its content is laid out in. */
  left: number;
  width: number;
  /** The page's heading: it should start where the column does, on every page. */
  headingLeft: number;
  /** The widest direct part of the page (Clerk's cards included): none should be narrower than another page's. */
  widestPart: number;
}

export async function contentColumn(page: Page): Promise<ContentColumn> {
  return page.getByRole('main').evaluate((main) => {
    const r = (value: number) => Math.round(value * 10) / 10;
    const root = main.firstElementChild as HTMLElement;
    const rootBox = root.getBoundingClientRect();
    const heading = main.querySelector('h1')!.getBoundingClientRect();
    // Clerk's profile card sits inside a box of its own that may be wider than the card.
    const parts = [...root.children, ...root.querySelectorAll('.cl-cardBox')].map((part) => part.getBoundingClientRect().width);
    return { left: r(rootBox.left), width: r(rootBox.width), headingLeft: r(heading.left), widestPart: r(Math.max(...parts)) };
  });
}

/** A menu's distance from the left and right edges of the screen. */
export async function edgeMargins(menu: Locator): Promise<{ left: number; right: number; width: number }> {
  await menu.waitFor({ state: 'visible' });
  // Clerk's menus slide in: measured where they come to rest.
  await menu.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)));
  return menu.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const viewport = document.documentElement.clientWidth;
    const r = (value: number) => Math.round(value * 10) / 10;
    return { left: r(box.left), right: r(viewport - box.right), width: r(box.width) };
  });
}

/** Clerk's popover cards, by the stable class names Clerk gives its elements. */
export const clerkMenus = {
  user: (page: Page) => page.locator('.cl-userButtonPopoverCard'),
  organizations: (page: Page) => page.locator('.cl-organizationSwitcherPopoverCard'),
};

/**
 * Holds clerk-js back until `release()` is called, so a test can look at the
 * page as a visitor does while Clerk loads (the header's loading state).
 */
export async function holdClerkScript(page: Page): Promise<{ release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/clerk.browser.js', async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}
