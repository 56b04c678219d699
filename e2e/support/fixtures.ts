import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { LOCAL_ACCOUNTS, LOCAL_CLERK_PROXY_PATH, LOCAL_SEED_PASSWORD, type LocalAccountKey } from '../../shared/local-clerk.ts';
import { formatViolations, type SpecViolation } from '../../server/src/testing/clerk-spec-check.ts';
import { checkEmulatorAnswer } from '../../server/src/testing/spec-checked-answers.ts';
import { ARTIFACTS_DIR } from './origins.ts';

export const SEEDED_PASSWORD = LOCAL_SEED_PASSWORD;
/** The seeded accounts (shared/local-clerk.ts), keyed as the tests name them. */
export const SEEDED_USERS = Object.fromEntries(
  LOCAL_ACCOUNTS.map((account) => [
    account.key,
    { email: account.emailAddress, name: `${account.firstName} ${account.lastName}`, role: account.appRole },
  ]),
) as Record<LocalAccountKey, { email: string; name: string; role: 'admin' | 'moderator' | null }>;
export type SeededUserKey = LocalAccountKey;

/** Values the emulator seeds as private metadata: none may ever reach the browser. */
export const PRIVATE_MARKERS = ['privateMetadata', 'private_metadata', 'cus_local_', 'internalNote'];

interface Fixtures {
  /** Fails the test on any request that would leave loopback (auto: every test has it). */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- Playwright's type for a fixture that gives the test nothing
  loopbackOnly: void;
  /** Fails the test on any Frontend API answer the browser received that strays from Clerk's spec (auto). */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- as above
  clerkAnswersFollowSpec: void;
  signIn: (user: SeededUserKey) => Promise<void>;
  signOut: () => Promise<void>;
  saveScreenshot: (name: string) => Promise<void>;
  /** Every response body the page received, for leak checks. */
  responseBodies: string[];
}

export const test = base.extend<Fixtures>({
  loopbackOnly: [
    async ({ context }, use) => {
      const escaped: string[] = [];
      await context.route(
        (url) => !isLoopback(url),
        async (route) => {
          escaped.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      await use();
      expect(escaped, 'requests that would have left this machine').toEqual([]);
    },
    { auto: true },
  ],
  clerkAnswersFollowSpec: [
    async ({ context }, use) => {
      const checks: Promise<SpecViolation | null>[] = [];
      context.on('response', (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith(`${LOCAL_CLERK_PROXY_PATH}/v1/`)) return;
        const contentType = response.headers()['content-type'] ?? '';
        // Read at once: a body is gone once its page navigates away. One that is already gone cannot be checked.
        checks.push(
          response.body().then(
            (body) => checkEmulatorAnswer(response.request().method(), url, response.status(), contentType, body),
            () => null,
          ),
        );
      });
      await use();
      const violations = (await Promise.all(checks)).filter((violation) => violation !== null);
      expect(violations, `Frontend API answers that stray from Clerk's spec:\n${formatViolations(violations)}`).toEqual([]);
    },
    { auto: true },
  ],
  responseBodies: async ({ page }, use) => {
    const bodies: string[] = [];
    page.on('response', async (response) => {
      // Clerk's own scripts are code, not data: their source names `privateMetadata` as a type would.
      if (new URL(response.url()).pathname.startsWith('/__clerk/npm/')) return;
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('json') && !type.includes('html') && !type.includes('javascript')) return;
      try {
        bodies.push(await response.text());
      } catch {
        // Redirects and aborted requests have no body.
      }
    });
    await use(bodies);
  },
  signIn: async ({ page }, use) => {
    await use((user) => signInThroughForm(page, user));
  },
  signOut: async ({ page }, use) => {
    await use(async () => {
      await page.getByRole('button', { name: /open user menu/i }).click();
      await page.getByRole('button', { name: /^sign out$/i }).click();
      await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
    });
  },
  saveScreenshot: async ({ page }, use) => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: `${ARTIFACTS_DIR}${name}.png`, fullPage: true });
    });
  },
});

/** Clerk's `<SignIn>` on the current page: the email address, then the password. */
export async function signInThroughForm(page: Page, user: SeededUserKey) {
  await page.getByLabel(/email address/i).fill(SEEDED_USERS[user].email);
  await page.getByRole('button', { name: /^continue$/i }).click();
  await page.getByLabel(/^password$/i).fill(SEEDED_PASSWORD);
  await page.getByRole('button', { name: /^continue$/i }).click();
}

/** Data, blob and about URLs never leave the browser; everything else must stay on 127.0.0.0/8 or localhost. */
export function isLoopback(url: URL): boolean {
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

export { expect };
