import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { healConnections } from './heal-connections.ts';
import { lockPgliteDir } from './pglite-lock.ts';
import * as schema from './schema.ts';

/**
 * The query API the rest of the server sees: drizzle's common PostgreSQL
 * supertype, which both drivers' databases (and their transactions) extend.
 * Code written against it cannot depend on which driver runs underneath.
 */
export type AppDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: AppDatabase;
  kind: DatabaseKind;
  /** Idempotent. PostgreSQL: waits for checked-out connections to be released. */
  close(): Promise<void>;
  /** The same database as its own driver's type, for drizzle's per-driver migrator only. */
  readonly driver: DriverHandle;
}

export type DriverHandle =
  | { kind: 'pglite'; db: ReturnType<typeof drizzlePglite<typeof schema>>; client: PGlite }
  | { kind: 'postgres'; db: ReturnType<typeof drizzleNodePg<typeof schema>>; pool: Pool };

/** A PostgreSQL server when `DATABASE_URL` is set, otherwise PGlite (embedded) in `dataDir`. */
export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/**
 * What to open: the configured database, or (tests) an in-memory PGlite that
 * vanishes on close, started from a `dumpDataDir()` tarball when `from` is given.
 */
export type DatabaseTarget = DatabaseConfig | { kind: 'memory'; from?: Blob };

export interface OpenDatabaseOptions {
  /** PostgreSQL only: the schema search path of every pooled connection (tests isolate themselves in a schema). */
  searchPath?: string;
  /** PostgreSQL only: errors of idle pooled connections (the server restarted, the network dropped). */
  onIdleClientError?: (error: Error) => void;
  /**
   * PostgreSQL only: the serving pool's time limits (main.ts, from the
   * environment). Without them statements may run as long as they need, as
   * migrations (an index build, another instance's migration lock) may.
   */
  timeouts?: DatabaseTimeouts;
}

export interface DatabaseTimeouts {
  /** Server side (`statement_timeout`): PostgreSQL cancels a statement running longer, and the connection stays usable. */
  statementMs: number;
  /**
   * Client side: a query with no answer by then fails (503) and its connection
   * is discarded. This covers what the server cannot: a network that stopped
   * delivering. Longer than `statementMs`, so a merely slow query is cancelled by the server first.
   */
  queryMs: number;
  /** Waiting for a pooled connection, or for a new one to open. */
  connectMs: number;
}

/** Without configured timeouts, a request waits at most this long for a connection before it fails (and answers 503). */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * TCP keepalive probes start after this much silence, so a connection whose
 * peer vanished (a failed-over server, a dropped NAT entry) is found dead
 * instead of being handed to a request.
 */
const KEEPALIVE_IDLE_MS = 10_000;

/**
 * PostgreSQL when a URL is configured, otherwise PGlite (PostgreSQL compiled
 * to WebAssembly, in this process) so the app runs with no database server at
 * all. Both speak the same SQL and run the same migrations.
 */
export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
  switch (target.kind) {
    case 'postgres':
      return openPostgres(target.url, options);
    case 'pglite':
      return openPgliteDir(target.dataDir);
    case 'memory':
      return pgliteDatabase(await PGlite.create(target.from ? { loadDataDir: target.from } : {}), () => {});
  }
}

async function openPgliteDir(dataDir: string): Promise<Database> {
  // PGlite creates only the last path segment itself.
  mkdirSync(dataDir, { recursive: true });
  const release = lockPgliteDir(dataDir);
  try {
    return pgliteDatabase(await PGlite.create(dataDir), release);
  } catch (error) {
    release();
    throw error;
  }
}

function pgliteDatabase(client: PGlite, release: () => void): Database {
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    driver: { kind: 'pglite', db, client },
    close: async () => {
      // Closing flushes the data folder; only then may another process take it.
      if (!client.closed) await client.close();
      release();
    },
  };
}

function openPostgres(url: string, options: OpenDatabaseOptions): Database {
  const { timeouts } = options;
  const pool = new Pool({
    connectionString: url,
    connectionTimeoutMillis: timeouts?.connectMs ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    ...(timeouts ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.queryMs } : {}),
    ...(options.searchPath === undefined ? {} : { options: `-c search_path=${plainIdentifier(options.searchPath)}` }),
  });
  healConnections(pool);
  // An idle client that loses its connection emits 'error' on the pool; unheard,
  // that would crash the process. The pool has already discarded the client.
  pool.on('error', options.onIdleClientError ?? (() => {}));
  const db = drizzleNodePg({ client: pool, schema });
  let closed: Promise<void> | null = null;
  return {
    db,
    kind: 'postgres',
    driver: { kind: 'postgres', db, pool },
    close: () => (closed ??= pool.end()),
  };
}

/** Only plain identifiers: the value travels inside a libpq `options` string. */
export function plainIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain identifier: ${name}`);
  return name;
}
