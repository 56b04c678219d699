import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { Client } from 'pg';
import { openDatabase, plainIdentifier, type Database } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { pgliteTemplate } from './pglite-template.ts';

/**
 * An empty database for one test file: an in-memory PGlite by default; with
 * `TEST_DATABASE_URL` set, a schema of its own on that PostgreSQL server
 * (tables and drizzle's migration journal both inside it), so test files can
 * run in parallel against one server. `close()` drops the schema.
 *
 * Tests read the variable directly: it configures the test run, not the app.
 */
export interface TestDatabase extends Database {
  /** `drizzle` options that keep the migration journal inside this database's own schema. */
  migrateOptions: { migrationsSchema?: string };
  /**
   * A second handle on the same database, as a second API instance would have:
   * its own connection pool on PostgreSQL. PGlite is owned by one process, so
   * there it is this same handle. The caller closes it; closing it drops nothing.
   */
  peer(): Promise<Database>;
}

/** Building the PGlite template (first run) and compiling PGlite's WebAssembly take a while: give hooks room. */
export const OPEN_TIMEOUT_MS = 60_000;

export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const database = url === undefined ? await openMemoryDatabase() : await openSchemaDatabase(url);
  if (options.migrate === false) return database;
  try {
    await migrateDatabase(database, database.migrateOptions);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Rows of a raw query; both drivers answer `{ rows }`, which drizzle's common type leaves unknown. */
export async function queryRows<Row>(database: Database, query: SQL): Promise<Row[]> {
  const result = (await database.db.execute(query)) as { rows: Row[] };
  return result.rows;
}

export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url || undefined;
}

async function openMemoryDatabase(): Promise<TestDatabase> {
  const database = await openDatabase({ kind: 'memory', from: await pgliteTemplate() });
  const peer = { ...database, close: async () => {} };
  return { ...database, migrateOptions: {}, peer: async () => peer };
}

async function openSchemaDatabase(url: string): Promise<TestDatabase> {
  const schemaName = `test_${randomBytes(8).toString('hex')}`;
  await runAdmin(url, `create schema ${plainIdentifier(schemaName)}`);
  const open = () => openDatabase({ kind: 'postgres', url }, { searchPath: schemaName });
  const database = await open();
  return {
    ...database,
    migrateOptions: { migrationsSchema: schemaName },
    peer: open,
    close: async () => {
      await database.close();
      await runAdmin(url, `drop schema if exists ${plainIdentifier(schemaName)} cascade`);
    },
  };
}

/** One statement on a connection of its own, outside any test schema (tests and benchmarks). */
export async function runAdmin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
