import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthFixtures } from '../auth-fixtures.ts';
import { bearer, send } from '../http.ts';
import { redisServerOnFreePort, type RedisServerProcess } from '../redis-server.ts';
import { startApp, type StartedApp } from '../start-app.ts';
import { createLogger } from '../../logger.ts';
import { connectRedis, type RedisConnection } from '../../middleware/redis-connection.ts';

/**
 * Two API instances sharing a Redis that is down when they start, comes up,
 * goes away and comes back: at every point a caller is limited (in memory
 * while Redis is away, shared across both instances while it is there), and
 * each change is one log line, never a stack trace per request. The Redis is
 * a private redis-server this file starts and kills (npm run test:services).
 */
const auth = createAuthFixtures();
const LIMIT = 3;
const READY_TIMEOUT_MS = 15_000;

let redis: RedisServerProcess;
const instances: Array<{ app: StartedApp; connection: RedisConnection; logs: () => Array<Record<string, unknown>> }> = [];
const consoleError = vi.spyOn(console, 'error');

beforeAll(async () => {
  redis = await redisServerOnFreePort();
  for (let i = 0; i < 2; i += 1) {
    const lines: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const connection = connectRedis(redis.url, logger);
    const app = await startApp(auth.clerkOptions(), { rateLimit: { limit: LIMIT, windowMs: 60_000, redis: connection, prefix: `test-h10-infra:` } });
    instances.push({ app, connection, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) });
  }
});

afterAll(async () => {
  for (const { app, connection } of instances) {
    await app.close();
    await connection.close();
  }
  await redis?.stop();
  consoleError.mockRestore();
});

/** Statuses of `/api/hello` for one user, the requests going to the instances in turn. */
async function statuses(userId: string, order: number[]): Promise<number[]> {
  const headers = bearer(auth.token({ userId }));
  const result = [];
  for (const index of order) result.push((await send(instances[index]!.app.baseUrl, '/api/hello', { headers })).status);
  return result;
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the Redis connections');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const redisLines = (index: number, level: number) =>
  instances[index]!.logs().filter((line) => line.level === level && typeof line.redis === 'object');
const WARN = 40;
const INFO = 30;

describe('rate limits with a Redis that comes and goes', () => {
  it('limits in memory, per instance, while Redis is down at start-up', async () => {
    expect(await statuses('user_down_at_start', [0, 0, 0, 0, 1])).toEqual([200, 200, 200, 429, 200]);
    await until(() => redisLines(0, WARN).length > 0 && redisLines(1, WARN).length > 0);
    expect(redisLines(0, WARN)).toHaveLength(1);
    expect(redisLines(0, WARN)[0]).toMatchObject({ redis: { state: 'down' }, msg: expect.stringContaining('in memory') });
  });

  it('shares the limit across instances once Redis comes up', async () => {
    await redis.start();
    await until(() => instances.every(({ connection }) => connection.isReady()));
    expect(await statuses('user_after_start', [0, 1, 0, 1, 0])).toEqual([200, 200, 200, 429, 429]);
    expect(redisLines(0, INFO)).toHaveLength(1);
  });

  it('keeps limiting, with one warning, when Redis goes away mid-run', async () => {
    await redis.stop();
    expect(await statuses('user_mid_outage', [0, 0, 0, 0, 0, 0])).toEqual([200, 200, 200, 429, 429, 429]);
    await until(() => instances.every(({ connection }) => !connection.isReady()));
    await statuses('user_mid_outage_more', [0, 0, 1, 1]);
    expect(redisLines(0, WARN)).toHaveLength(2);
    expect(redisLines(1, WARN)).toHaveLength(2);
  });

  it('shares the limit again, with one info line, when Redis comes back', async () => {
    await redis.start();
    await until(() => instances.every(({ connection }) => connection.isReady()));
    expect(await statuses('user_after_return', [1, 0, 1, 0, 1])).toEqual([200, 200, 200, 429, 429]);
    expect(redisLines(0, INFO)).toHaveLength(2);
    expect(redisLines(0, INFO)[1]).toMatchObject({ redis: { state: 'up' } });
  });

  it('never wrote a stack trace, to the log or to the console', () => {
    for (const { app, logs } of instances) {
      expect(JSON.stringify(logs())).not.toMatch(/"stack"|\n\s+at /);
      expect(app.logText()).not.toMatch(/"stack"|\n\s+at /);
    }
    expect(consoleError).not.toHaveBeenCalled();
  });
});
