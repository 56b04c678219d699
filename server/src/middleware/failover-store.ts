import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/** The part of a Redis client the store needs: node-redis's `sendCommand`. */
export type RedisCommandSender = (args: string[]) => Promise<unknown>;

/** A Redis connection as the limiter sees it: commands, and whether they can be sent now. */
export interface SharedCounters {
  sendCommand: RedisCommandSender;
  isReady(): boolean;
}

/**
 * A Redis command that has not answered by then is given up on, and that
 * request is counted in memory: a hung Redis costs a request this much at most.
 */
const SHARED_COMMAND_TIMEOUT_MS = 500;

type Outcome<T> = { ok: true; value: T } | { ok: false };

/**
 * Counts in Redis while it is connected, in memory otherwise, and never throws into the limiter; a shared store is
 * made only once Redis is ready, afresh after any failure. Why: docs/reliability.md, "Rate-limit counters".
 */
export class FailoverStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private readonly memory = new MemoryStore();
  private readonly redis: SharedCounters;
  private options: Options | undefined;
  private shared: Promise<RedisStore> | null = null;

  constructor(redis: SharedCounters, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.options = options;
    this.memory.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    const shared = await this.onShared((store) => store.increment(key));
    return shared.ok ? shared.value : this.memory.increment(key);
  }

  async decrement(key: string): Promise<void> {
    const shared = await this.onShared((store) => store.decrement(key));
    if (!shared.ok) await this.memory.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await this.memory.resetKey(key);
    await this.onShared((store) => store.resetKey(key));
  }

  shutdown(): void {
    this.memory.shutdown();
  }

  private async onShared<T>(operation: (store: RedisStore) => Promise<T>): Promise<Outcome<T>> {
    if (!this.redis.isReady() || !this.options) return { ok: false };
    try {
      const store = await (this.shared ??= this.loadShared(this.options));
      return { ok: true, value: await withTimeout(operation(store), SHARED_COMMAND_TIMEOUT_MS) };
    } catch {
      // The connection reports the outage once (redis-connection.ts); a line per request would flood the log.
      this.shared = null;
      return { ok: false };
    }
  }

  private async loadShared(options: Options): Promise<RedisStore> {
    const store = new RedisStore({
      prefix: this.prefix,
      // node-redis answers the scripts' replies in the shapes rate-limit-redis reads.
      sendCommand: (...args: string[]) => this.redis.sendCommand(args) as Promise<RedisReply>,
    });
    await withTimeout(store.init(options), SHARED_COMMAND_TIMEOUT_MS);
    return store;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
