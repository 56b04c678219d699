import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelloResponseSchema } from '#shared/api-contracts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { bearer, send } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions());
});
afterAll(() => app.close());

describe('GET /api/hello', () => {
  it('greets a stranger without a token', async () => {
    const reply = await send(app.baseUrl, '/api/hello');
    expect(reply.status).toBe(200);
    expect(HelloResponseSchema.strict().parse(reply.json)).toEqual({ message: 'Hello, stranger.', signedIn: false });
  });

  it('greets the caller by user id with a valid token', async () => {
    const reply = await send(app.baseUrl, '/api/hello', { headers: bearer(auth.token()) });
    expect(HelloResponseSchema.strict().parse(reply.json)).toEqual({ message: 'Hello, user_test_ada.', signedIn: true });
  });
});
