import type { Options } from 'express-rate-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { FailoverStore, type SharedCounters } from './failover-store.ts';

const options = { windowMs: 60_000 } as Options;
let store: FailoverStore | undefined;
afterEach(() => store?.shutdown());

function storeOver(redis: SharedCounters): FailoverStore {
  store = new FailoverStore(redis, 'test-h10-infra:');
  store.init(options);
  return store;
}

/** A stand-in for node-redis that answers rate-limit-redis's two commands, counting hits per key. */
function answeringRedis(): SharedCounters & { commands: string[] } {
  const hits = new Map<string, number>();
  const commands: string[] = [];
  return {
    commands,
    isReady: () => true,
    sendCommand: async ([command, , , key]) => {
      commands.push(command!);
      if (command === 'SCRIPT') return 'sha1';
      const count = (hits.get(key!) ?? 0) + 1;
      hits.set(key!, count);
      return [count, 60_000];
    },
  };
}

describe('FailoverStore', () => {
  it('counts in memory while Redis is not ready, without sending it anything', async () => {
    const redis = { ...answeringRedis(), isReady: () => false };
    const counts = storeOver(redis);
    expect((await counts.increment('ip:1')).totalHits).toBe(1);
    expect((await counts.increment('ip:1')).totalHits).toBe(2);
    expect(redis.commands).toEqual([]);
  });

  it('counts in memory, without throwing, when Redis refuses or never answers', async () => {
    const refusing = storeOver({ isReady: () => true, sendCommand: () => Promise.reject(new Error('The client is offline')) });
    expect((await refusing.increment('user:a')).totalHits).toBe(1);
    expect((await refusing.increment('user:a')).totalHits).toBe(2);
    refusing.shutdown();
    const hung = storeOver({ isReady: () => true, sendCommand: () => new Promise(() => {}) });
    expect((await hung.increment('user:a')).totalHits).toBe(1);
  });

  it('loads its scripts again once Redis answers, instead of keeping the failed load for good', async () => {
    const redis = answeringRedis();
    let offline = true;
    const counts = storeOver({
      isReady: () => true,
      sendCommand: (args) => (offline ? Promise.reject(new Error('The client is offline')) : redis.sendCommand(args)),
    });
    expect((await counts.increment('user:b')).totalHits).toBe(1);
    offline = false;
    expect((await counts.increment('user:b')).totalHits).toBe(1);
    expect((await counts.increment('user:b')).totalHits).toBe(2);
    expect(redis.commands.filter((command) => command === 'EVALSHA')).toHaveLength(2);
  });
});
