import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '#shared/api-contracts';
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
