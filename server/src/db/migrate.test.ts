import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { migrateDatabase } from './migrate.ts';
import { migrationsFolder } from './migrations-folder.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, queryRows, type TestDatabase } from '../testing/test-database.ts';

const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
  entries: Array<{ tag: string; when: number }>;
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await openTestDatabase({ migrate: false });
  cleanups.push(() => database.close());
  return database;
}

function journalSchema(database: TestDatabase): string {
  return database.migrateOptions.migrationsSchema ?? 'drizzle';
}

async function appliedMigrations(database: TestDatabase): Promise<number[]> {
  const rows = await queryRows<{ created_at: string }>(
    database,
    sql`select created_at from ${sql.identifier(journalSchema(database))}.__drizzle_migrations order by id`,
  );
  return rows.map((row) => Number(row.created_at));
}

async function tableExists(database: Database, name: string): Promise<boolean> {
  const [row] = await queryRows<{ found: string | null }>(database, sql`select to_regclass(${name})::text as found`);
  return row?.found != null;
}

describe('migrateDatabase', { timeout: OPEN_TIMEOUT_MS }, () => {
  it('creates the schema and records each migration once; running it again changes nothing', async () => {
    const database = await freshDatabase();
    await migrateDatabase(database, database.migrateOptions);
    await migrateDatabase(database, database.migrateOptions);
    expect(await tableExists(database, 'posts')).toBe(true);
    expect(await appliedMigrations(database)).toEqual(journal.entries.map((entry) => entry.when));
  });

  it('lets two instances migrate one database at the same moment: both succeed, each migration applies once', async () => {
    const database = await freshDatabase();
    const peer = await database.peer();
    cleanups.push(() => peer.close());
    await Promise.all([
      migrateDatabase(database, database.migrateOptions),
      migrateDatabase(peer, database.migrateOptions),
      migrateDatabase(database, database.migrateOptions),
    ]);
    expect(await appliedMigrations(database)).toEqual(journal.entries.map((entry) => entry.when));
  });

  it('applies pending migrations all or nothing: a failing one leaves no table and no journal entry behind', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    cpSync(migrationsFolder(), folder, { recursive: true });
    const broken = { idx: journal.entries.length, version: '7', when: Date.now() + 60_000, tag: '9999_broken', breakpoints: true };
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: [...journal.entries, broken] }));
    writeFileSync(join(folder, '9999_broken.sql'), 'CREATE TABLE "half_done" ("id" int);\n--> statement-breakpoint\nSELECT no_such_function();');

    const database = await freshDatabase();
    await expect(migrateDatabase(database, { ...database.migrateOptions, migrationsFolder: folder })).rejects.toThrow();
    expect(await tableExists(database, 'posts')).toBe(false);
    expect(await tableExists(database, 'half_done')).toBe(false);
    expect(await appliedMigrations(database)).toEqual([]);
  });
});
