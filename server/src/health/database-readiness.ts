import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';

/** A readiness probe answers within this, whatever the database does. */
export const READY_CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether the database answers a trivial query in time. Probes that arrive
 * while one check is running share it, so a busy load balancer adds at most
 * one query at a time; a check that times out leaves its query to the pool's
 * own timeouts, which discard the connection.
 */
export function databaseReadiness(database: Database, timeoutMs = READY_CHECK_TIMEOUT_MS): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  return () => {
    running ??= answersWithin(database, timeoutMs).finally(() => {
      running = null;
    });
    return running;
  };
}

function answersWithin(database: Database, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const check = database.db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}
