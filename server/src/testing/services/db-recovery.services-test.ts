import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { PostPageSchema } from '#shared/posts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../test-database.ts';
import { createAuthFixtures } from '../auth-fixtures.ts';
import { bearer, send } from '../http.ts';
import { startApp, type StartedApp } from '../start-app.ts';
import { tcpProxy } from '../tcp-proxy.ts';

/**
 * A database outage, and its end: the API answers 503 while PostgreSQL cannot
 * be reached and serves again by itself once it can, with no restart. The
 * outage is a TCP proxy in front of the real server that drops every
 * connection and refuses new ones. Needs TEST_DATABASE_URL (npm run test:services).
 */
const upstreamUrl = process.env.TEST_DATABASE_URL;
if (!upstreamUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite with npm run test:services');
const upstream = new URL(upstreamUrl);

const auth = createAuthFixtures();
const proxy = tcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
const headers = bearer(auth.token({ userId: 'user_outage' }));
let database: TestDatabase;
let app: StartedApp;

beforeAll(async () => {
  await proxy.open();
  process.env.TEST_DATABASE_URL = Object.assign(new URL(upstreamUrl), { host: `127.0.0.1:${proxy.port()}` }).href;
  database = await openTestDatabase();
  app = await startApp(auth.clerkOptions(), { database });
}, OPEN_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await proxy.cut();
});

async function untilStatus(status: number, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const reply = await send(app.baseUrl, '/api/posts', { headers });
    if (reply.status === status || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a database outage', () => {
  it('answers 503 database_unavailable while it lasts, and serves again by itself when the database returns', async () => {
    const created = await send(app.baseUrl, '/api/posts', { method: 'POST', headers, body: { title: 'Before the outage' } });
    expect(created.status).toBe(201);

    await proxy.cut();
    const during = await untilStatus(503, 10_000);
    expect(during.status).toBe(503);
    expect(ApiErrorBodySchema.parse(during.json).error.code).toBe('database_unavailable');
    expect((await send(app.baseUrl, '/api/me', { headers })).status).toBe(200);

    await proxy.open();
    const after = await untilStatus(200, 10_000);
    expect(after.status).toBe(200);
    expect(PostPageSchema.parse(after.json).posts.map((post) => post.title)).toEqual(['Before the outage']);
  }, 30_000);
});
