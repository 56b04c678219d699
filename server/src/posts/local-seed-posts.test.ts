import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS } from '#shared/local-clerk';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { clerkOptionsFor } from '../auth/clerk-options.ts';
import { posts } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { loadConfig, type AuthConfig } from '../env.ts';
import { publishableKeyFor } from '../common/local-keys.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../testing/test-emulator.ts';
import { createLogger } from '../logger.ts';
import { refusedUrl } from '../testing/listen.ts';
import { seedLocalPosts } from './local-seed-posts.ts';

const emulator = useSeededEmulator();
let database: TestDatabase;
let logLines: string[];

beforeEach(async () => {
  database = await openTestDatabase();
  logLines = [];
}, OPEN_TIMEOUT_MS);
afterEach(async () => {
  await database.close();
});

function localAuth(emulatorUrl = emulator.url): AuthConfig {
  return { mode: 'local', emulatorUrl, dataDir: emulator.dataDir };
}

/**
 * What main.ts does at start-up, with this test's database and a Clerk client
 * for `backendUrl` (this test's emulator unless said otherwise), whatever `auth` says.
 */
function start(auth: AuthConfig, wanted = true, options: { backendUrl?: string; timeoutMs?: number } = {}) {
  const backend = localAuth(options.backendUrl);
  const clerkClient = createApiClerkClient(clerkOptionsFor({ auth: backend, authorizedParties: [TEST_SPA_ORIGIN] }));
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  return seedLocalPosts({ config: { seedLocalPosts: wanted, auth }, database, clerkClient, logger, ...timeout });
}

const allPosts = () => database.db.select().from(posts);

describe('local posts seed', () => {
  it('writes posts by the seeded users, personal and in Acme and Globex, each author a member where they post', async () => {
    const written = await start(localAuth());
    const rows = await allPosts();
    expect(written).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const acme = emulator.store.organizationByIdOrSlug('acme')!.id;
    const globex = emulator.store.organizationByIdOrSlug('globex')!.id;
    expect(new Set(rows.map((row) => row.organizationId))).toEqual(new Set([null, acme, globex]));
    for (const row of rows) {
      const account = LOCAL_ACCOUNTS.find((candidate) => emulator.store.userByEmail(candidate.emailAddress)?.id === row.authorId);
      expect(account, `post "${row.title}" by a seeded user`).toBeDefined();
      if (row.organizationId !== null) {
        const slug = row.organizationId === acme ? 'acme' : 'globex';
        expect(account!.organizations.map((membership) => membership.slug)).toContain(slug);
      }
    }
    const personalAuthors = new Set(rows.filter((row) => row.organizationId === null).map((row) => row.authorId));
    expect(personalAuthors.size).toBeGreaterThanOrEqual(3);
  });

  it('seeds once: a second start adds nothing', async () => {
    const first = await start(localAuth());
    const before = await allPosts();
    expect(await start(localAuth())).toBe(0);
    expect(await allPosts()).toEqual(before);
    expect(first).toBe(before.length);
  });

  it('leaves a board that already has posts alone', async () => {
    await database.db.insert(posts).values({ authorId: 'user_someone', title: 'Mine' });
    expect(await start(localAuth())).toBe(0);
    expect(await allPosts()).toHaveLength(1);
  });

  it('writes nothing in clerk mode', async () => {
    const config = loadConfig({
      CLERK_SECRET_KEY: 'sk_test_abc123',
      CLERK_PUBLISHABLE_KEY: publishableKeyFor('https://clerk.example.com'),
      CLERK_AUTHORIZED_PARTIES: TEST_SPA_ORIGIN,
    });
    expect(config.seedLocalPosts).toBe(false);
    // Even told to seed, and with an emulator answering, a Clerk-mode configuration writes nothing.
    expect(await start(config.auth, true)).toBe(0);
    expect(await start(localAuth(), false)).toBe(0);
    expect(await allPosts()).toEqual([]);
    expect(logLines).toEqual([]);
  });

  it('skips with one warning line, within its time budget, when the emulator is not reachable', async () => {
    const unreachable = await refusedUrl();
    const started = Date.now();
    expect(await start(localAuth(unreachable), true, { backendUrl: unreachable, timeoutMs: 500 })).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await allPosts()).toEqual([]);
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 40, msg: expect.stringContaining('local posts not seeded: the Clerk emulator at') });
  });
});
