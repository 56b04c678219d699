import { gzipSync } from 'node:zlib';
import { SPA_ORIGIN } from './support/origins.ts';
import { expect, test } from './support/fixtures.ts';

/** The JavaScript budget for `/`, gzip, excluding Clerk's own script. */
const HOME_JS_BUDGET_BYTES = 160 * 1024;
/**
 * In local mode the local Clerk instance stands in for Clerk's script (clerk-js),
 * which a Clerk-mode build loads from Clerk's CDN instead; like it, it is outside the budget.
 */
const isClerkScript = (url: string) => /\/assets\/local-clerk-[\w-]+\.js$/.test(url);

test('the JavaScript loaded for / stays within the 160 KB gzip budget', async ({ page }) => {
  const scripts: Array<{ url: string; gzipBytes: number }> = [];
  page.on('response', async (response) => {
    const url = response.url();
    if (!url.startsWith(SPA_ORIGIN) || response.request().resourceType() !== 'script') return;
    scripts.push({ url, gzipBytes: gzipSync(await response.body(), { level: 9 }).length });
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  const counted = scripts.filter((script) => !isClerkScript(script.url));
  const total = counted.reduce((sum, script) => sum + script.gzipBytes, 0);
  const report = counted.map((script) => `${(script.gzipBytes / 1024).toFixed(1)} KB ${new URL(script.url).pathname}`).join('\n');
  test.info().annotations.push({ type: 'home JS (gzip)', description: `${(total / 1024).toFixed(1)} KB\n${report}` });
  console.log(`JavaScript for / (gzip, excluding Clerk's script): ${(total / 1024).toFixed(1)} KB\n${report}`);
  expect(counted.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(HOME_JS_BUDGET_BYTES);
});
