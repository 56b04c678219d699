import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_ORGANIZATIONS } from '#shared/local-clerk';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { clerkOptionsFor } from '../auth/clerk-options.ts';
import { organizations, users } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { copyDataDir, useSeededTemplate, startTestEmulator, TEST_SPA_ORIGIN, type TestEmulator } from '../testing/test-emulator.ts';
import { refusedUrl } from '../testing/listen.ts';
import { backfillFromClerk } from './backfill.ts';
import { ClerkUserSchema } from './clerk-objects.ts';
import { deleteUser, upsertUser } from './directory-store.ts';

/** The backfill against the emulator's Backend API (GET /v1/users, /v1/organizations), page by page. */
const templateDir = useSeededTemplate();
let emulator: TestEmulator;
let emulatorDir: { dataDir: string; remove(): void };
let database: TestDatabase;

beforeEach(async () => {
  emulatorDir = copyDataDir(templateDir());
  emulator = await startTestEmulator(emulatorDir.dataDir);
  database = await openTestDatabase();
}, OPEN_TIMEOUT_MS);
afterEach(async () => {
  await emulator.close();
  await database.close();
  emulatorDir.remove();
});

function clerkFor(url = emulator.url) {
  return createApiClerkClient(
    clerkOptionsFor({ auth: { mode: 'local', emulatorUrl: url, dataDir: emulatorDir.dataDir }, authorizedParties: [TEST_SPA_ORIGIN] }),
  );
}

/** Two a page, so the seed's five users take three pages and the last one is short. */
const backfill = () => backfillFromClerk(clerkFor(), database.db, { pageSize: 2 });

const seededUser = (index: number) => emulator.store.data.users.find((user) => user.firstName === LOCAL_ACCOUNTS[index]!.firstName)!;

describe('npm run sync:clerk (backfill)', () => {
  it('copies every user and organization across pages, display fields only', async () => {
    const result = await backfill();
    expect(result.users).toEqual({ read: LOCAL_ACCOUNTS.length, written: LOCAL_ACCOUNTS.length });
    expect(result.organizations).toEqual({ read: LOCAL_ORGANIZATIONS.length, written: LOCAL_ORGANIZATIONS.length });
    const rows = await database.db.select().from(users);
    expect(rows.map((row) => `${row.firstName} ${row.lastName}`).sort()).toEqual(
      LOCAL_ACCOUNTS.map((account) => `${account.firstName} ${account.lastName}`).sort(),
    );
    expect(rows.every((row) => row.imageUrl?.startsWith(emulator.url) && row.deletedAt === null)).toBe(true);
    expect((await database.db.select().from(organizations)).map((row) => row.name).sort()).toEqual(
      LOCAL_ORGANIZATIONS.map((organization) => organization.name).sort(),
    );
  });

  it('is idempotent: a second run reads everything and writes nothing', async () => {
    await backfill();
    const before = await database.db.select().from(users);
    const again = await backfill();
    expect(again.users).toEqual({ read: LOCAL_ACCOUNTS.length, written: 0 });
    expect(again.organizations.written).toBe(0);
    expect(await database.db.select().from(users)).toEqual(before);
  });

  it('keeps newer webhook data and tombstones: an older copy from the Backend API changes neither', async () => {
    const [first, second] = [seededUser(0), seededUser(1)];
    await upsertUser(
      database.db,
      ClerkUserSchema.parse({ id: first.id, first_name: 'Renamed later', created_at: first.createdAt, updated_at: first.updatedAt + 60_000 }),
    );
    await deleteUser(database.db, second.id);
    const result = await backfill();
    expect(result.users.written).toBe(LOCAL_ACCOUNTS.length - 2);
    const [kept] = await database.db.select().from(users).where(eq(users.id, first.id));
    expect(kept?.firstName).toBe('Renamed later');
    const [tombstone] = await database.db.select().from(users).where(eq(users.id, second.id));
    expect(tombstone).toMatchObject({ firstName: null, deletedAt: expect.any(Date) });
  });

  it('fails within its budget when the Backend API does not answer, having written nothing', async () => {
    const started = Date.now();
    await expect(backfillFromClerk(clerkFor(await refusedUrl()), database.db, { pageBudgetMs: 1_000 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await database.db.select().from(users)).toEqual([]);
  });
});
