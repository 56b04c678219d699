import { sql } from 'drizzle-orm';
import type { NextFunction, Request, Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unreachableDatabase } from '../testing/start-app.ts';
import { databaseErrors, isDatabaseUnavailable } from './database-errors.ts';
import type { Database } from './database.ts';
import { posts } from './schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase } from '../testing/test-database.ts';
import { HttpError } from '../common/http-error.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
}, OPEN_TIMEOUT_MS);
afterAll(() => database.close());

/** The error a query really fails with. */
async function failureOf(query: Promise<unknown>): Promise<unknown> {
  try {
    await query;
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to fail');
}

describe('isDatabaseUnavailable', () => {
  it('is true when the server refuses connections', async () => {
    const offline = await unreachableDatabase();
    try {
      expect(isDatabaseUnavailable(await failureOf(offline.db.execute(sql`select 1`)))).toBe(true);
    } finally {
      await offline.close();
    }
  });

  it(
    'is true for a database that was closed (a pool ended, a PGlite closed)',
    async () => {
      const closed = await openTestDatabase({ migrate: false });
      await closed.close();
      expect(isDatabaseUnavailable(await failureOf(closed.db.execute(sql`select 1`)))).toBe(true);
    },
    OPEN_TIMEOUT_MS,
  );

  it('is true for a query that timed out, on the client (no answer) or on the server (statement_timeout)', () => {
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
  });

  it('is false for a refused write, a bad query or any other error', async () => {
    const constraint = await failureOf(database.db.insert(posts).values({ authorId: 'user_a', title: '' }));
    expect(isDatabaseUnavailable(constraint)).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(database.db.execute(sql`select * from no_such_table`)))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('databaseErrors', () => {
  function pass(error: unknown): unknown {
    let passed: unknown;
    databaseErrors(error, {} as Request, {} as Response, ((next: unknown) => (passed = next)) as NextFunction);
    return passed;
  }

  it('turns an outage into 503 database_unavailable with Retry-After, keeping the cause for the logs', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const mapped = pass(outage);
    expect(mapped).toBeInstanceOf(HttpError);
    expect(mapped).toMatchObject({ status: 503, code: 'database_unavailable', headers: { 'Retry-After': '5' }, cause: outage });
  });

  it('leaves an HttpError alone, even when its cause is a refused connection to another service', () => {
    const upstream = new HttpError(503, 'upstream_unavailable', 'Clerk is down.', { cause: { code: 'ECONNREFUSED' } });
    expect(pass(upstream)).toBe(upstream);
  });
});
