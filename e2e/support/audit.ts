import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue asks the app to meet. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * Findings inside Clerk's prebuilt components that we cannot change (their
 * markup is clerk-js's), each one rule on one kind of Clerk element. Never a
 * whole page or a whole component: everything else in Clerk's components is
 * audited like our own markup.
 */
export const CLERK_EXCEPTIONS: readonly { rule: string; selector: string; why: string }[] = [];

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

/** axe's serious and critical WCAG A/AA violations on the page as it is now, less the Clerk exceptions. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const findings: Finding[] = [];
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const nodes = [];
    for (const node of violation.nodes) {
      if (await isClerkException(page, violation.id, node.target.join(' '))) continue;
      nodes.push(node);
    }
    if (nodes.length === 0) continue;
    findings.push({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: nodes.map((node) => node.target.join(' ')),
      summary: nodes.map((node) => node.failureSummary ?? '').join('\n'),
    });
  }
  return findings;
}

async function isClerkException(page: Page, rule: string, target: string): Promise<boolean> {
  const selectors = CLERK_EXCEPTIONS.filter((exception) => exception.rule === rule).map((exception) => exception.selector);
  if (selectors.length === 0) return false;
  return page.evaluate(
    ({ target, selectors }) => {
      const element = document.querySelector(target);
      return element !== null && selectors.some((selector) => element.matches(selector));
    },
    { target, selectors },
  );
}

/** How much wider than the viewport the document is (0 when nothing overflows), and the widest culprits. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - viewport;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} (right ${Math.round(element.getBoundingClientRect().right)})`);
    return { overflow, culprits };
  });
}
