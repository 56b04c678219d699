import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixtures } from '../auth-fixtures.ts';
import { clerkEvent, clerkUser } from '../clerk-events.ts';
import { send } from '../http.ts';
import { startApp, type StartedApp } from '../start-app.ts';
import { newSvixId, newWebhookSecret, nowSeconds, svixHeaders } from '../svix.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../test-database.ts';

/**
 * Clerk's deliveries and anonymous browsing share one client IP here (loopback),
 * and one Redis, as they share the limiter's counters in production: the
 * deliveries must have a bucket of their own. Needs TEST_REDIS_URL and
 * TEST_DATABASE_URL (`npm run test:services`).
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) throw new Error('TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379): run this suite with npm run test:services');

const auth = createAuthFixtures();
const secret = newWebhookSecret();
const redis = createClient({ url: redisUrl });
const prefix = `test-webhook-bucket-${randomBytes(6).toString('hex')}:`;
const LIMIT = 3;
let database: TestDatabase;
let app: StartedApp;

beforeAll(async () => {
  await redis.connect();
  database = await openTestDatabase();
  const sharedCounters = { sendCommand: (args: string[]) => redis.sendCommand(args), isReady: () => redis.isReady };
  app = await startApp(auth.clerkOptions(), {
    database,
    webhookSigningSecret: secret,
    rateLimit: { limit: LIMIT, windowMs: 60_000, redis: sharedCounters, prefix },
  });
}, OPEN_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
  await database?.close();
  for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
  await redis.close();
});

function deliver(updatedAt: number) {
  const body = JSON.stringify(clerkEvent('user.updated', clerkUser({ id: 'user_flooded', first_name: 'Ada', updated_at: updatedAt })));
  return send(app.baseUrl, '/api/webhooks/clerk', {
    method: 'POST',
    headers: svixHeaders(secret, { id: newSvixId(), timestamp: nowSeconds(), body }),
    body,
  });
}

describe('Clerk’s webhook deliveries with Redis-backed limits', () => {
  it('are still answered 200 after anonymous traffic from the same IP used up its limit, and are bounded themselves', async () => {
    const anonymous: number[] = [];
    for (let request = 0; request < LIMIT + 1; request++) anonymous.push((await send(app.baseUrl, '/api/hello')).status);
    expect(anonymous.at(-1)).toBe(429);

    const deliveries: number[] = [];
    for (let attempt = 0; attempt < LIMIT + 1; attempt++) deliveries.push((await deliver(Date.now() - 10_000 + attempt)).status);
    expect(deliveries).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    // And the deliveries did not spend browsing's budget either: it stays used up, not reset.
    expect((await send(app.baseUrl, '/api/hello')).status).toBe(429);
  });
});
