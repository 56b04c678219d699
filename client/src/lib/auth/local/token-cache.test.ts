import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenCache } from './token-cache.ts';

/** An unsigned JWT expiring `ttlSeconds` from the (possibly fake) clock. */
function jwtExpiringIn(ttlSeconds: number, label: string): string {
  const payload = { exp: Math.floor(Date.now() / 1000) + ttlSeconds, iat: Math.floor(Date.now() / 1000), sid: 'sess_1', sub: 'user_1', label };
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${encode({ alg: 'RS256' })}.${encode(payload)}.sig`;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('TokenCache', () => {
  it('shares one request between concurrent callers and reuses the token afterwards', async () => {
    const cache = new TokenCache();
    const mint = vi.fn(async () => jwtExpiringIn(60, 'a'));
    const [first, second] = await Promise.all([cache.get('s', { mint }), cache.get('s', { mint })]);
    const third = await cache.get('s', { mint });
    expect(mint).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it('mints again once the token is within 10 seconds of expiring', async () => {
    const cache = new TokenCache();
    let n = 0;
    const mint = vi.fn(async () => jwtExpiringIn(60, `t${++n}`));
    const first = await cache.get('s', { mint });
    vi.setSystemTime(Date.now() + 49_000);
    expect(await cache.get('s', { mint })).toBe(first);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await cache.get('s', { mint })).not.toBe(first);
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it('refreshes a kept-fresh token before it expires and reports it', async () => {
    const cache = new TokenCache();
    const stored: string[] = [];
    let n = 0;
    const mint = vi.fn(async () => jwtExpiringIn(60, `t${++n}`));
    const first = await cache.get('s', { mint, keepFresh: true, onStored: (jwt) => stored.push(jwt) });

    await vi.advanceTimersByTimeAsync(44_000);
    expect(mint).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(stored).toHaveLength(2);
    const refreshed = await cache.get('s', { mint });
    expect(refreshed).not.toBe(first);
    expect(refreshed).toBe(stored[1]);
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it('skipCache mints a new token even when the cached one is fresh', async () => {
    const cache = new TokenCache();
    let n = 0;
    const mint = vi.fn(async () => jwtExpiringIn(60, `t${++n}`));
    const first = await cache.get('s', { mint });
    expect(await cache.get('s', { mint, skipCache: true })).not.toBe(first);
  });

  it('clear() stops the refresh timer and drops answers still in flight', async () => {
    const cache = new TokenCache();
    const mint = vi.fn(async () => jwtExpiringIn(60, 'x'));
    await cache.get('s', { mint, keepFresh: true });
    cache.clear();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(mint).toHaveBeenCalledTimes(1);

    let release: (jwt: string) => void = () => undefined;
    const slow = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const onStored = vi.fn();
    const pending = cache.get('s', { mint: slow, onStored });
    cache.clear();
    release(jwtExpiringIn(60, 'stale'));
    await pending;
    expect(onStored).not.toHaveBeenCalled();
    await cache.get('s', { mint });
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it('never refreshes in a tight loop when tokens are short-lived', async () => {
    const cache = new TokenCache();
    const mint = vi.fn(async () => jwtExpiringIn(4, 'short'));
    await cache.get('s', { mint, keepFresh: true });
    await vi.advanceTimersByTimeAsync(10_000);
    // Half the lifetime (2 s) at the shortest: about five refreshes in ten seconds, not thousands.
    expect(mint.mock.calls.length).toBeLessThanOrEqual(6);
    cache.clear();
  });
});
