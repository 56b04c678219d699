import type { APIRequestContext, Page } from '@playwright/test';
import { API_ORIGIN } from './support/origins.ts';
import { contentSecurityPolicy } from './support/security-headers.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The built SPA served as a CDN serves it (e2e/support/static-server.ts), and
 * what the build adds for it: compressed copies, one year of caching for
 * anything whose name changes with its content, a revalidated HTML, and Clerk's
 * scripts requested from the HTML of the pages that need them first.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Clerk's card took over 10 s to appear on a 2-core machine running several suites. */
const CLERK_LOAD_TIMEOUT = 30_000;
const CLERK_ENTRY_SCRIPT = /\/__clerk\/npm\/@clerk\/(clerk-js|ui)@[^/]+\/dist\/(clerk|ui)\.browser\.js$/;

async function get(request: APIRequestContext, path: string, acceptEncoding: string) {
  return request.get(path, { headers: { 'Accept-Encoding': acceptEncoding } });
}

test('index.html is revalidated on every visit, under the unchanged security headers', async ({ request }) => {
  const response = await get(request, '/', 'br, gzip');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-cache');
  expect(response.headers()['content-security-policy']).toBe(contentSecurityPolicy({ apiOrigin: API_ORIGIN }));
  expect(response.headers().vary).toBe('Accept-Encoding');
});

test('the app script is sent with brotli (or gzip) and cached as immutable', async ({ request }) => {
  const html = await (await get(request, '/', 'identity')).text();
  const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)">/.exec(html)?.[1];
  expect(script, 'the entry script in index.html').toBeDefined();

  const brotli = await get(request, script!, 'gzip, deflate, br');
  expect(brotli.headers()['content-encoding']).toBe('br');
  expect(brotli.headers()['cache-control']).toBe(IMMUTABLE);
  const gzip = await get(request, script!, 'gzip');
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  const plain = await get(request, script!, 'identity');
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(Number(brotli.headers()['content-length'])).toBeLessThan(Number(plain.headers()['content-length']) / 2);
  // What arrives decompressed is the same file either way.
  expect(await brotli.text()).toBe(await plain.text());
});

/** Every Clerk entry script the page requested, in order, with the answer's headers. */
function recordClerkScripts(page: Page) {
  const requested: string[] = [];
  const answers = new Map<string, Record<string, string>>();
  page.on('request', (request) => {
    if (CLERK_ENTRY_SCRIPT.test(new URL(request.url()).pathname)) requested.push(request.url());
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/__clerk/npm/')) answers.set(response.url(), response.headers());
  });
  return { requested, answers };
}

test("/sign-in's HTML preloads clerk-js and @clerk/ui at the URLs Clerk loads, so each is fetched once", async ({ page }) => {
  const clerk = recordClerkScripts(page);
  await page.goto('/sign-in');
  await expect(page.getByLabel(/email address/i)).toBeEditable({ timeout: CLERK_LOAD_TIMEOUT });

  const preloads = await page
    .locator('head link[rel="preload"][as="script"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(preloads).toHaveLength(2);
  // A loader URL other than the preloaded one, or a preload the script element could not reuse, would be a third request.
  expect(clerk.requested.sort()).toEqual([...preloads].sort());
});

test("Clerk's scripts come through the proxy compressed, and immutable at their exact version", async ({ page }) => {
  const clerk = recordClerkScripts(page);
  await page.goto('/sign-in');
  await expect(page.getByLabel(/email address/i)).toBeEditable({ timeout: CLERK_LOAD_TIMEOUT });

  const exactVersion = [...clerk.answers].filter(([url]) => /@\d+\.\d+\.\d+\/dist\/[^/]+\.js$/.test(url));
  expect(exactVersion.length).toBeGreaterThan(0);
  for (const [url, headers] of exactVersion) {
    expect(headers['content-encoding'], url).toBe('br');
    expect(headers['cache-control'], url).toBe(IMMUTABLE);
  }
});

test("the home page's HTML names none of Clerk's scripts: its first paint waits for the app alone", async ({ page, request }) => {
  const html = await (await get(request, '/', 'identity')).text();
  expect(html).not.toContain('/__clerk/');
  await page.goto('/');
  await expect(page.locator('head link[rel="preload"][as="script"]')).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 412, height: 823 } });

  for (const [path, field] of [
    ['/sign-in', /email address/i],
    ['/sign-up', /email address/i],
  ] as const) {
    test(`nothing on ${path} moves when Clerk's card appears`, async ({ page }) => {
      await page.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { __shifts: number[] }).__shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(path);
      await expect(page.getByLabel(field)).toBeEditable({ timeout: CLERK_LOAD_TIMEOUT });
      await expect(page.getByRole('complementary', { name: 'Local mode: development accounts' })).toBeVisible();
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
      expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.01);
    });
  }
});
