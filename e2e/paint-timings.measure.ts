import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

/**
 * A measurement, not a test (`npm run measure:paint`; `npm test` does not run
 * it): first and largest contentful paint of the production build for `/` and
 * `/sign-in`, and when the sign-in form can be used, in Chromium with the CPU
 * slowed 4× through the DevTools protocol (a mid-range phone's speed), cold
 * cache, each page loaded RUNS times, medians printed. Loopback only: the
 * network is not throttled, so this measures JavaScript and rendering.
 */
const RUNS = Number(process.env.PAINT_RUNS ?? 5);
const CPU_SLOWDOWN = 4;

interface Timings {
  fcp: number;
  lcp: number;
  ready: number;
}

async function measure(page: Page, path: string, ready: () => Promise<void>): Promise<Timings> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await page.addInitScript(() => {
    const paints = { fcp: 0, lcp: 0 };
    (window as unknown as { __paints: typeof paints }).__paints = paints;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') paints.fcp = entry.startTime;
    }).observe({ type: 'paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) paints.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(path);
  await ready();
  const readyAt = await page.evaluate(() => performance.now());
  // LCP is final at the first input; a click on the page body ends it without changing anything.
  await page.mouse.click(1, 1);
  const paints = await page.evaluate(() => (window as unknown as { __paints: { fcp: number; lcp: number } }).__paints);
  await cdp.detach();
  return { ...paints, ready: readyAt };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const [path, readyWhen] of [
  ['/', (page: Page) => expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible()],
  ['/sign-in', (page: Page) => expect(page.getByLabel(/email address/i)).toBeEditable()],
] as const) {
  test(`paint timings of ${path}`, async ({ browser }) => {
    test.setTimeout(RUNS * 30_000);
    const runs: Timings[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      runs.push(await measure(page, path, () => readyWhen(page)));
      await context.close();
    }
    const line = `${path}: FCP ${median(runs.map((r) => r.fcp)).toFixed(0)} ms, LCP ${median(runs.map((r) => r.lcp)).toFixed(0)} ms, usable ${median(runs.map((r) => r.ready)).toFixed(0)} ms (median of ${RUNS}, CPU ${CPU_SLOWDOWN}× slower)`;
    console.log(line);
    test.info().annotations.push({ type: 'paint', description: line });
    expect(runs.every((r) => r.fcp > 0 && r.lcp >= r.fcp)).toBe(true);
  });
}
