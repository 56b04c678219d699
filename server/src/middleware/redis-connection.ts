import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { RedisCommandSender } from './rate-limit.ts';

export interface RedisConnection {
  sendCommand: RedisCommandSender;
  close(): Promise<void>;
}

/**
 * The Redis connection the rate limiter shares between API instances. It
 * never holds a request up: while Redis is unreachable commands fail at once
 * (no offline queue) and the limiter lets requests through, and the client
 * keeps reconnecting in the background, so the limits return with Redis.
 */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  let reported = false;
  client.on('error', (error: Error) => {
    // One line per outage, not one per reconnection attempt.
    if (!reported) logger.warn({ err: { message: error.message } }, 'redis unavailable; rate limits are not enforced until it returns');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info('redis available again');
    reported = false;
  });
  client.connect().catch(() => undefined);
  return {
    sendCommand: (args) => client.sendCommand(args),
    close: async () => {
      if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}
