import type { Pool, PoolClient } from 'pg';

/** node-postgres's error when `query_timeout` passes with no answer. */
const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

type QueryFunction = (...args: unknown[]) => unknown;
type Release = (error?: Error | boolean) => void;

/**
 * Keeps a pool usable through a network fault: a timed-out connection closes itself, a dead checked-out one is given
 * back, every connection has an 'error' listener. Why each: docs/reliability.md, "Database connections".
 */
export function healConnections(pool: Pool): void {
  pool.on('connect', (client) => {
    client.on('error', () => {});
    guardRelease(client);
    closeOnQueryTimeout(client);
  });
}

/** pg-pool sets `client.release` on every checkout: each one is wrapped to run once, and run by 'end' if no one did. */
function guardRelease(client: PoolClient): void {
  let release: Release | null = null;
  Object.defineProperty(client, 'release', {
    configurable: true,
    get: () => release,
    set: (poolRelease: Release) => {
      let released = false;
      release = (error) => {
        if (released) return;
        released = true;
        poolRelease(error);
      };
    },
  });
  client.on('end', () => release?.(new Error('The database connection closed while checked out')));
}

function closeOnQueryTimeout(client: PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const closeIfTimedOut = (error: unknown) => {
    if (error instanceof Error && error.message === QUERY_TIMEOUT_MESSAGE) closeNow(client);
  };
  const guarded: QueryFunction = (...args) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        closeIfTimedOut(error);
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    // Observed, not handled: the caller still receives the rejection.
    if (result instanceof Promise) result.catch(closeIfTimedOut);
    return result;
  };
  Object.assign(client, { query: guarded });
}

/** The socket goes at once; the client then reports itself unusable and emits 'end'. */
function closeNow(client: PoolClient): void {
  client.connection.stream.destroy();
}
