import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARTIFACTS_DIR, BUILT_SPA_DIR, SPA_ORIGIN } from './support/origins.ts';
import { expect, test } from './support/fixtures.ts';

/** The JavaScript budget for `/`, gzip, excluding Clerk's own script. */
const HOME_JS_BUDGET_BYTES = 160 * 1024;
/** Clerk's own scripts (clerk-js, @clerk/ui and their chunks), loaded at run time through the proxy path. */
const isClerkScript = (url: string) => new URL(url).pathname.startsWith('/__clerk/npm/');

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
  const clerkTotal = scripts.filter((script) => isClerkScript(script.url)).reduce((sum, script) => sum + script.gzipBytes, 0);
  const report = counted.map((script) => `${(script.gzipBytes / 1024).toFixed(1)} KB ${new URL(script.url).pathname}`).join('\n');
  test.info().annotations.push({ type: 'home JS (gzip)', description: `${(total / 1024).toFixed(1)} KB\n${report}` });
  console.log(
    `JavaScript for / (gzip): the app's own ${(total / 1024).toFixed(1)} KB; Clerk's scripts ${(clerkTotal / 1024).toFixed(1)} KB\n${report}`,
  );
  expect(counted.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(HOME_JS_BUDGET_BYTES);
});

/** Every file of the built SPA, as a CDN would serve it (source maps included: they are often deployed too). */
function builtFiles(dir: string): string[] {
  return (
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile())
      // The build's .br and .gz copies of files checked here: their bytes say nothing readable.
      .filter((path) => !/\.(br|gz)$/.test(path))
  );
}

test('the built SPA bundle holds no secret key and no private key material', () => {
  // The keys of the emulator this very run started: the real secrets the bundle must not carry.
  const keys = JSON.parse(readFileSync(join(ARTIFACTS_DIR, 'emulator-data', 'keys.json'), 'utf8')) as {
    secretKey: string;
    privateKeyPem: string;
  };
  const privateKeyBody = keys.privateKeyPem.split('\n').find((line) => line.length > 60)!;
  const forbidden: Array<[string, RegExp | string]> = [
    ['the emulator secret key', keys.secretKey],
    ['a line of its private key', privateKeyBody],
    ['any Clerk secret key', /\bsk_(test|live)_[A-Za-z0-9_-]{10,}/],
    ['any PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['a server-only variable name', /CLERK_SECRET_KEY|DATABASE_URL|REDIS_URL|CLERK_JWT_KEY/],
  ];
  const files = builtFiles(BUILT_SPA_DIR);
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [what, pattern] of forbidden) {
      const found = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      expect(found, `${what} in ${file}`).toBe(false);
    }
  }
});
