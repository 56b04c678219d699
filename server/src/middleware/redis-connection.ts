import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { SharedCounters } from './failover-store.ts';

export interface RedisConnection extends SharedCounters {
  /** Resolves true once connected, or false after `timeoutMs` (Redis is then used from whenever it answers). */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

type State = 'starting' | 'up' | 'down';

/**
 * The Redis connection the rate limiter shares between API instances. It
 * never holds a request up: while Redis is unreachable commands fail at once
 * (no offline queue), the limiter counts in memory, and the client keeps
 * reconnecting in the background, so shared limits return with Redis. Each
 * change of state is one log line, not one per request or per reconnection attempt.
 */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });
  let state: State = 'starting';
  const readyWaiters = new Set<() => void>();
  client.on('error', (error: Error) => {
    if (state === 'down') return;
    state = 'down';
    logger.warn(
      // The reason only: a stack trace would say nothing an operator can act on.
      { redis: { state, reason: error.message } },
      'redis unavailable: rate limits are enforced per instance, in memory, until it returns',
    );
  });
  client.on('ready', () => {
    const previous = state;
    state = 'up';
    logger.info(
      { redis: { state } },
      previous === 'down' ? 'redis available again: rate limits are shared again' : 'redis connected: rate limits are shared',
    );
    for (const wake of readyWaiters) wake();
  });
  client.connect().catch(() => undefined);
  return {
    sendCommand: (args) => client.sendCommand(args),
    isReady: () => client.isReady,
    waitUntilReady: (timeoutMs) => waitUntilReady(() => client.isReady, readyWaiters, timeoutMs),
    close: async () => {
      if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}

function waitUntilReady(isReady: () => boolean, waiters: Set<() => void>, timeoutMs: number): Promise<boolean> {
  if (isReady()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve(ready);
    };
    const wake = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    waiters.add(wake);
  });
}
