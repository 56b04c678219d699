import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Pool, PoolClient } from 'pg';
import type { Database } from './database.ts';
import { migrationsFolder } from './migrations-folder.ts';

export interface MigrateOptions {
  /** Where drizzle records applied migrations; defaults to drizzle's own `drizzle` schema. */
  migrationsSchema?: string;
  /** Defaults to `server/drizzle` of this checkout. */
  migrationsFolder?: string;
}

interface MigrationConfig {
  migrationsFolder: string;
  migrationsSchema?: string;
}

/**
 * Applies the pending migrations of `server/drizzle` in one transaction, serialized across processes (advisory lock)
 * or within PGlite's one process (a queue), so every start-up may call it. Why: docs/reliability.md, "Migrations".
 */
export async function migrateDatabase(database: Database, options: MigrateOptions = {}): Promise<void> {
  const config: MigrationConfig = {
    migrationsFolder: options.migrationsFolder ?? migrationsFolder(),
    ...(options.migrationsSchema === undefined ? {} : { migrationsSchema: options.migrationsSchema }),
  };
  const { driver } = database;
  if (driver.kind === 'pglite') {
    await oneAtATime(driver.client, () => migratePglite(driver.db, config));
    return;
  }
  await withMigrationLock(driver.pool, (client) => migrateNodePg(drizzleNodePg({ client }), config));
}

const pgliteQueues = new WeakMap<PGlite, Promise<unknown>>();

function oneAtATime(client: PGlite, run: () => Promise<void>): Promise<void> {
  const previous = pgliteQueues.get(client) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(run);
  pgliteQueues.set(client, next);
  return next;
}

/** Any number below 2^63; the same for every process migrating this app's database. */
const MIGRATION_LOCK_KEY = 7_253_001;

/**
 * A session-level advisory lock on one connection makes a second instance
 * wait, then find nothing left to do. The lock dies with its connection, so a
 * crashed instance cannot leave it held.
 */
async function withMigrationLock(pool: Pool, run: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await run(client);
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    // Destroying the connection releases its lock, whatever state the connection is in.
    client.release(true);
    throw error;
  }
  client.release();
}
