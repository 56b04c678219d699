import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostSchema } from '#shared/posts';
import { openDatabase, type Database } from '../../db/database.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../test-database.ts';
import { createAuthFixtures } from '../auth-fixtures.ts';
import { bearer, send } from '../http.ts';
import { startApp, type StartedApp } from '../start-app.ts';
import { tcpProxy } from '../tcp-proxy.ts';

/**
 * A network blackhole between the API and PostgreSQL: sockets stay open but
 * no byte gets through, for longer than the query timeout, under more
 * concurrent requests than the pool has connections. While it lasts the API
 * answers 503 (never hangs, never 500) and readiness says 503; once the network
 * returns the same process serves again within seconds, with no restart.
 * Needs TEST_DATABASE_URL (npm run test:services).
 */
const upstreamUrl = process.env.TEST_DATABASE_URL;
if (!upstreamUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite with npm run test:services');
const upstream = new URL(upstreamUrl);

/** Short, so the test is; main.ts uses the configured ones (5 s / 6 s / 5 s by default). */
const timeouts = { statementMs: 800, queryMs: 1_000, connectMs: 1_000 };
const WORKERS = 24; // node-postgres pools 10 connections
const BLACKHOLE_MS = 3_000;
const AFTER_MS = 8_000;
/** Generous for a shared two-core machine: the timeouts above allow about 1 s. */
const RECOVERY_BOUND_MS = 5_000;

const auth = createAuthFixtures();
const proxy = tcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
const headers = bearer(auth.token({ userId: 'user_h10_infra_blackhole' }));
let database: TestDatabase;
let serving: Database;
let app: StartedApp;

beforeAll(async () => {
  await proxy.open();
  database = await openTestDatabase();
  const schema = database.migrateOptions.migrationsSchema!;
  const url = Object.assign(new URL(upstreamUrl), { host: `127.0.0.1:${proxy.port()}` }).href;
  serving = await openDatabase({ kind: 'postgres', url }, { searchPath: schema, timeouts });
  app = await startApp(auth.clerkOptions(), { database: serving });
}, OPEN_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
  // Bounded: a pool with a leaked connection would wait for it forever.
  await Promise.race([serving?.close(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  await proxy.cut();
  await database?.close();
});

interface Outcome {
  at: number;
  status: number;
}

/** Workers reading the feed and editing a post (a transaction) back to back until `stop()` says so. */
function load(postId: string, stop: () => boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const worker = async (index: number) => {
    while (!stop()) {
      const reply =
        index % 2 === 0
          ? await send(app.baseUrl, '/api/posts', { headers })
          : await send(app.baseUrl, `/api/posts/${postId}`, { method: 'PATCH', headers, body: { title: `Edit ${index}` } });
      outcomes.push({ at: Date.now(), status: reply.status });
    }
  };
  return Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index))).then(() => outcomes);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a network blackhole between the API and PostgreSQL', () => {
  it('answers 503 while it lasts and serves again within seconds after, with no restart', async () => {
    const created = await send(app.baseUrl, '/api/posts', { method: 'POST', headers, body: { title: 'Before the blackhole' } });
    const { id } = PostSchema.parse(created.json);
    let stopAt = Infinity;
    const running = load(id, () => Date.now() >= stopAt);

    await sleep(500);
    const blackholedAt = Date.now();
    proxy.blackhole();
    await sleep(BLACKHOLE_MS - 1_000);
    const readyDuring = await send(app.baseUrl, '/api/health/ready');
    const liveDuring = await send(app.baseUrl, '/api/health');
    await sleep(1_000);
    proxy.restore();
    const restoredAt = Date.now();
    stopAt = restoredAt + AFTER_MS;
    const outcomes = await running;

    expect(readyDuring.status).toBe(503);
    expect(liveDuring.status).toBe(200);
    expect(new Set(outcomes.map((outcome) => outcome.status))).toEqual(new Set([200, 503]));
    expect(outcomes.some((outcome) => outcome.status === 503 && outcome.at > blackholedAt && outcome.at < restoredAt)).toBe(true);
    const lastFailure = Math.max(restoredAt, ...outcomes.filter((outcome) => outcome.status !== 200).map((outcome) => outcome.at));
    const recoveryMs = lastFailure - restoredAt;
    const after = outcomes.filter((outcome) => outcome.at > restoredAt);
    console.info(
      `db blackhole: ${outcomes.length} requests by ${WORKERS} workers; ${BLACKHOLE_MS} ms blackhole; last failure ${recoveryMs} ms after the network returned; ${after.filter((outcome) => outcome.status === 200).length}/${after.length} answered 200 after it`,
    );
    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect((await send(app.baseUrl, '/api/health/ready')).status).toBe(200);
    expect((await send(app.baseUrl, `/api/posts/${id}`, { headers })).status).toBe(200);
    // Every connection taken from the pool came back (or was discarded): none leaked by a failed `begin`.
    const { pool } = serving.driver as { pool: { totalCount: number; idleCount: number; waitingCount: number } };
    expect({ checkedOut: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }).toEqual({ checkedOut: 0, waiting: 0 });
  }, 60_000);
});
