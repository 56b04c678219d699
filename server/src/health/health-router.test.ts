import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '#shared/api-contracts';
import { ApiErrorBodySchema } from '#shared/api-error';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { send } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

let app: StartedApp;
beforeAll(async () => {
  app = await startApp(createAuthFixtures().clerkOptions());
});
afterAll(() => app.close());

describe('GET /api/health', () => {
  it('answers ok without auth', async () => {
    const reply = await send(app.baseUrl, '/api/health');
    expect(reply.status).toBe(200);
    expect(HealthResponseSchema.strict().parse(reply.json)).toEqual({ status: 'ok' });
  });
});

describe('GET /api/health/ready', () => {
  it('answers 503 database_unavailable, with Retry-After, when the database does not answer', async () => {
    // This app's database is a loopback port where nothing listens.
    const reply = await send(app.baseUrl, '/api/health/ready');
    expect(reply.status).toBe(503);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('database_unavailable');
    expect(reply.headers['retry-after']).toBe('5');
  });

  it(
    'answers ok when the database answers',
    async () => {
      let database: TestDatabase | undefined;
      let ready: StartedApp | undefined;
      try {
        database = await openTestDatabase({ migrate: false });
        ready = await startApp(createAuthFixtures().clerkOptions(), { database });
        const reply = await send(ready.baseUrl, '/api/health/ready');
        expect(reply.status).toBe(200);
        expect(HealthResponseSchema.strict().parse(reply.json)).toEqual({ status: 'ok' });
      } finally {
        await ready?.close();
        await database?.close();
      }
    },
    OPEN_TIMEOUT_MS,
  );

  it('keeps /api/health answering ok while the database does not (liveness is not readiness)', async () => {
    expect((await send(app.baseUrl, '/api/health')).status).toBe(200);
  });
});
