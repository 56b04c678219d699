import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostSchema } from '#shared/posts';
import type { Database } from '../../db/database.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../test-database.ts';
import { createAuthFixtures } from '../auth-fixtures.ts';
import { bearer, send } from '../http.ts';
import { startApp, type StartedApp } from '../start-app.ts';

/**
 * Two API instances on one database and one Redis, as a scaled-out deployment
 * runs: they must behave as one. Needs TEST_REDIS_URL and TEST_DATABASE_URL
 * (`npm run test:services`, as CI runs it).
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) throw new Error('TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379): run this suite with npm run test:services');

const auth = createAuthFixtures();
const redis = createClient({ url: redisUrl });
const prefix = `test-scale-out-${randomBytes(6).toString('hex')}:`;
let database: TestDatabase;
let peer: Database;
let first: StartedApp;
let second: StartedApp;

beforeAll(async () => {
  await redis.connect();
  database = await openTestDatabase();
  peer = await database.peer();
  const rateLimit = {
    limit: 6,
    windowMs: 60_000,
    redis: { sendCommand: (args: string[]) => redis.sendCommand(args), isReady: () => redis.isReady },
    prefix,
  };
  first = await startApp(auth.clerkOptions(), { database, rateLimit });
  second = await startApp(auth.clerkOptions(), { database: peer, rateLimit });
}, OPEN_TIMEOUT_MS);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await peer?.close();
  await database?.close();
  for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
  await redis.close();
});

describe('two API instances on one database and one Redis', () => {
  it('share one rate limit: requests spread over both count together', async () => {
    const headers = bearer(auth.token({ userId: 'user_spread' }));
    const statuses = [];
    for (const app of [first, second, first, second, first, second, first, second]) {
      statuses.push((await send(app.baseUrl, '/api/hello', { headers })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it('see the same data: a post written through one is read, changed and deleted through the other', async () => {
    const headers = bearer(auth.token({ userId: 'user_writer' }));
    const created = await send(first.baseUrl, '/api/posts', { method: 'POST', headers, body: { title: 'Written on the first instance' } });
    expect(created.status).toBe(201);
    const { id } = PostSchema.parse(created.json);

    const read = await send(second.baseUrl, `/api/posts/${id}`, { headers });
    expect(PostSchema.parse(read.json).title).toBe('Written on the first instance');
    const patched = await send(second.baseUrl, `/api/posts/${id}`, { method: 'PATCH', headers, body: { title: 'Changed on the second' } });
    expect(patched.status).toBe(200);
    expect(PostSchema.parse((await send(first.baseUrl, `/api/posts/${id}`, { headers })).json).title).toBe('Changed on the second');

    expect((await send(second.baseUrl, `/api/posts/${id}`, { method: 'DELETE', headers })).status).toBe(204);
    expect((await send(first.baseUrl, `/api/posts/${id}`, { headers })).status).toBe(404);
  });
});

describe('an API instance whose Redis fails every command', () => {
  it('keeps serving, and keeps limiting in its own memory, instead of failing requests or lifting the limit', async () => {
    const failing = { sendCommand: (_args: string[]) => Promise.reject(new Error('connect ECONNREFUSED')), isReady: () => true };
    const app = await startApp(auth.clerkOptions(), { database, rateLimit: { limit: 1, windowMs: 60_000, redis: failing } });
    try {
      const headers = bearer(auth.token({ userId: 'user_during_outage' }));
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await send(app.baseUrl, '/api/hello', { headers })).status);
      expect(statuses).toEqual([200, 429, 429]);
    } finally {
      await app.close();
    }
  });
});
