import { sql } from 'drizzle-orm';
import { ERROR_CODES } from '#shared/api-error';
import { BACKEND_API_BUDGET_MS } from '../clerk-backend/backend-call.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../common/http-error.ts';

/**
 * A role change waits at most this long for the ones before it. Each holds the
 * lock for a few Backend API calls (see ROLE_CHANGE_HOLD_MS); a queue longer
 * than this means Clerk is struggling, and the admin is better told to retry.
 */
export const ROLE_CHANGE_WAIT_MS = 10_000;

/**
 * The longest a change holds the lock: the caller's and the target's roles
 * read at once, then the write, each within one Backend API budget.
 */
export const ROLE_CHANGE_HOLD_MS = 2 * BACKEND_API_BUDGET_MS;

/**
 * The role change transaction's own limit on idle time and on its whole life
 * (the wait, then the change). PostgreSQL ends it past that, which frees the
 * lock of an instance that stopped answering (a network partition keeps a dead
 * connection open for as long as TCP does). Well past a change's own bounds,
 * so that it never cuts one short.
 */
export const ROLE_CHANGE_TRANSACTION_LIMIT_MS = ROLE_CHANGE_WAIT_MS + ROLE_CHANGE_HOLD_MS + 10_000;

/**
 * The PostgreSQL advisory lock every instance takes for a role change: one
 * fixed 64-bit key, owned by this feature alone (the migrator's, in
 * db/migrate.ts, is 7253001).
 */
export const ROLE_CHANGE_LOCK_KEY = 7_120_231_090_001n;

/** How often a change waiting for another instance's asks PostgreSQL again. */
const POLL_MS = 25;

/**
 * Runs role changes one at a time, so each one decides on what the one before
 * it left: two admins demoting each other at once cannot both succeed and
 * leave the app with no admin (see changeRole).
 */
export interface RoleChangeLock {
  run<T>(change: () => Promise<T>): Promise<T>;
}

export interface RoleChangeLockOptions {
  /**
   * With PostgreSQL, instances take turns too: each change runs inside a
   * transaction holding an advisory lock. (PGlite belongs to one process,
   * whose own queue is enough.) Without it, this process alone is ordered.
   */
  database?: Database;
  waitMs?: number;
}

/**
 * In-process queue first, so an instance holds at most one pooled connection
 * for role changes however many wait; then, on PostgreSQL, the advisory lock.
 * Both waits share one budget, and a change that ran out of it never runs.
 */
export function createRoleChangeLock(options: RoleChangeLockOptions = {}): RoleChangeLock {
  const waitMs = options.waitMs ?? ROLE_CHANGE_WAIT_MS;
  const database = options.database?.kind === 'postgres' ? options.database : null;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(change: () => Promise<T>): Promise<T> {
      const deadline = Date.now() + waitMs;
      let gaveUp = false;
      let timer: NodeJS.Timeout | undefined;
      const turn = tail.then(() => {
        clearTimeout(timer);
        // A change whose caller already had its 503 must not happen later behind their back.
        if (gaveUp) throw busy();
        return database ? withAdvisoryLock(database, deadline, change) : change();
      });
      tail = turn.catch(() => {});
      // Only the in-process wait: once its turn has come, the advisory lock's wait keeps the same deadline itself.
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          gaveUp = true;
          reject(busy());
        }, waitMs);
      });
      return Promise.race([turn, timeout]);
    },
  };
}

/**
 * A transaction-scoped advisory lock, waited for by polling `pg_try_advisory_xact_lock` (never a long statement the
 * pool's timeouts would cut). Why: docs/security.md, "Role changes never leave the app without an admin".
 */
async function withAdvisoryLock<T>(database: Database, deadline: number, change: () => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    // A server-wide limit must not end the transaction, and so free the lock, while the change runs.
    // Transaction-local; only the settings this server has (transaction_timeout is PostgreSQL 17's);
    // 0 first, because a running transaction_timeout timer is restarted only by switching it off.
    const limit = `${ROLE_CHANGE_TRANSACTION_LIMIT_MS}ms`;
    await tx.execute(
      sql`select set_config(name, '0', true), set_config(name, ${limit}, true) from pg_settings where name in ('idle_in_transaction_session_timeout', 'transaction_timeout')`,
    );
    for (;;) {
      const { rows } = (await tx.execute(sql`select pg_try_advisory_xact_lock(${sql.raw(ROLE_CHANGE_LOCK_KEY.toString())}) as locked`)) as {
        rows: Array<{ locked: boolean }>;
      };
      if (rows[0]?.locked) break;
      if (Date.now() + POLL_MS > deadline) throw busy();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return change();
  });
}

function busy(): HttpError {
  return new HttpError(503, ERROR_CODES.roleChangeBusy, 'Other role changes are still being saved, so this one was not made. Try again shortly.', {
    headers: { 'Retry-After': '1' },
  });
}
