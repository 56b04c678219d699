import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue asks the app to meet. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The WCAG A/AA rules whose outcome depends on colours (text contrast; links told apart from text by colour). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

/**
 * Once colours and layout stop moving: switching the colour scheme starts
 * the `transition` classes' 150 ms colour fades, and axe would measure a
 * colour halfway. Spinners (infinite animations) are not transitions and
 * are left alone.
 */
async function settle(page: Page) {
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
    await Promise.all(transitions.map((transition) => transition.finished.catch(() => undefined)));
  });
}

/** The viewport and colour scheme, applied to the page as it is: no reload, the app follows both live. */
export async function present(page: Page, scheme: Scheme, viewport: { width: number; height: number }) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize(viewport);
  await settle(page);
}

/**
 * Clerk's own markup that axe flags and no appearance setting changes, each
 * with its reason: findings on these nodes are dropped, nothing else is.
 */
const CLERK_DEFECTS = [
  {
    rule: 'aria-required-parent',
    // The menu triggers of <UserProfile>'s rows: "Open menu" (⋯) of email addresses and sessions, "Add" of two-step verification.
    htmlIncludes: 'cl-menuButton',
    why: "@clerk/ui's menu (Floating UI's useRole 'menu') gives a trigger nested in the profile modal's floating tree role=menuitem with no menu parent.",
  },
] as const;

function isClerkDefect(rule: string, html: string): boolean {
  return CLERK_DEFECTS.some((defect) => defect.rule === rule && html.includes(defect.htmlIncludes));
}

/**
 * axe's serious and critical WCAG A/AA violations on the page as it is now,
 * Clerk's prebuilt components included (one known Clerk defect excepted, see CLERK_DEFECTS). `colours`
 * runs only the rules a colour scheme can change: the other rules read the
 * same markup in light and dark, and each axe run costs seconds here.
 */
export async function seriousViolations(page: Page, { colours = false } = {}): Promise<Finding[]> {
  const axe = new AxeBuilder({ page });
  const results = await (colours ? axe.withRules(COLOUR_RULES) : axe.withTags(WCAG_TAGS)).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ ...violation, nodes: violation.nodes.filter((node) => !isClerkDefect(violation.id, node.html)) }))
    .filter((violation) => violation.nodes.length > 0)
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
      summary: violation.nodes.map((node) => node.failureSummary ?? '').join('\n'),
    }));
}

/** How much wider than the viewport the document is (0 when nothing overflows), and the widest culprits. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - viewport;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 0.5)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} (right ${Math.round(element.getBoundingClientRect().right)})`,
      );
    return { overflow, culprits };
  });
}
