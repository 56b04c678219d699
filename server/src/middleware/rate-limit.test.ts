import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { bearer, send } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions(), { rateLimit: { limit: 3, windowMs: 60_000 } });
});
afterAll(() => app.close());

const hello = (headers: Record<string, string> = {}) => send(app.baseUrl, '/api/hello', { headers });

describe('rate limiting per caller (in memory)', () => {
  it('answers 429 rate_limited with Retry-After once a user has used up the window', async () => {
    const ada = bearer(auth.token({ userId: 'user_limited' }));
    for (let i = 0; i < 3; i += 1) {
      const allowed = await hello(ada);
      expect(allowed.status).toBe(200);
      // What a client needs to pace itself: the limit, what is left of it, and when it resets.
      expect(allowed.headers.ratelimit).toMatch(new RegExp(`^limit=3, remaining=${2 - i}, reset=(60|59)$`));
    }
    const refused = await hello(ada);
    expect(refused.status).toBe(429);
    expect(ApiErrorBodySchema.parse(refused.json).error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-policy']).toBe('3;w=60');
  });

  it("counts per user: another user's requests are not limited by the first user's", async () => {
    const grace = bearer(auth.token({ userId: 'user_unaffected' }));
    expect((await hello(grace)).status).toBe(200);
  });

  it('counts signed-out callers per IP, apart from the users signed in from that IP', async () => {
    for (let i = 0; i < 3; i += 1) expect((await hello()).status).toBe(200);
    expect((await hello()).status).toBe(429);
    expect((await hello(bearer(auth.token({ userId: 'user_same_ip' })))).status).toBe(200);
  });

  it('cannot be dodged with a forged token: an invalid token counts as its IP', async () => {
    const forged = { Authorization: 'Bearer not.a.token' };
    expect((await hello(forged)).status).toBe(429);
  });

  it('never limits the health check', async () => {
    for (let i = 0; i < 5; i += 1) expect((await send(app.baseUrl, '/api/health')).status).toBe(200);
  });
});
