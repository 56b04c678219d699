import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { ARTIFACTS_DIR } from './origins.ts';

export const SEEDED_PASSWORD = 'local-dev-password';
export const SEEDED_USERS = {
  admin: { email: 'admin@example.com', name: 'Ada Lovelace', role: 'admin' },
  moderator: { email: 'moderator@example.com', name: 'Grace Hopper', role: 'moderator' },
  member: { email: 'member@example.com', name: 'Alan Turing', role: null },
  orgAdmin: { email: 'orgadmin@example.com', name: 'Katherine Johnson', role: null },
  outsider: { email: 'outsider@example.com', name: 'Edsger Dijkstra', role: null },
} as const;
export type SeededUserKey = keyof typeof SEEDED_USERS;

/** Values the identity server seeds as private metadata: none may ever reach the browser. */
export const PRIVATE_MARKERS = ['privateMetadata', 'private_metadata', 'cus_local_', 'internalNote'];

interface Fixtures {
  signIn: (user: SeededUserKey) => Promise<void>;
  signOut: () => Promise<void>;
  saveScreenshot: (name: string) => Promise<void>;
  /** Every response body the page received, for leak checks. */
  responseBodies: string[];
}

export const test = base.extend<Fixtures>({
  responseBodies: async ({ page }, use) => {
    const bodies: string[] = [];
    page.on('response', async (response) => {
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
      await page.getByRole('menuitem', { name: /sign out/i }).click();
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

/** Fills the sign-in form on the current page, which must show it. */
export async function signInThroughForm(page: Page, user: SeededUserKey) {
  await page.getByLabel(/email address/i).fill(SEEDED_USERS[user].email);
  await page.getByLabel(/^password$/i).fill(SEEDED_PASSWORD);
  await page.getByRole('button', { name: /^(sign in|continue)$/i }).click();
}

export { expect };
