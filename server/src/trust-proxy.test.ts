import { afterEach, describe, expect, it } from 'vitest';
import type { TrustProxy } from './common/env-parsing.ts';
import { createAuthFixtures } from './testing/auth-fixtures.ts';
import { send } from './testing/http.ts';
import { startApp, type StartedApp } from './testing/start-app.ts';

/**
 * TRUST_PROXY decides whose `X-Forwarded-For` names the client, and with it the
 * per-IP rate-limit bucket of signed-out callers. The tests' peer address is
 * 127.0.0.1: trusting it stands for "the API is behind a proxy on that address".
 */
const auth = createAuthFixtures();
let app: StartedApp | undefined;
afterEach(() => app?.close());

async function statusesFor(trustProxy: TrustProxy, forwardedFor: string[]): Promise<number[]> {
  app = await startApp(auth.clerkOptions(), { trustProxy, rateLimit: { limit: 2, windowMs: 60_000 } });
  const statuses = [];
  for (const value of forwardedFor) statuses.push((await send(app.baseUrl, '/api/hello', { headers: { 'X-Forwarded-For': value } })).status);
  return statuses;
}

describe('TRUST_PROXY', () => {
  it('off (the default): a spoofed X-Forwarded-For changes nothing, every caller from one peer shares its bucket', async () => {
    expect(await statusesFor(false, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([200, 200, 429]);
  });

  it('naming the proxy: each client behind it has a bucket of its own', async () => {
    expect(await statusesFor(['127.0.0.1'], ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2'])).toEqual([200, 200, 429, 200]);
  });

  it('naming the proxy: what a client prepends to X-Forwarded-For is ignored, only the address the proxy saw counts', async () => {
    // The proxy appends the address it saw (203.0.113.7); the client's own entries come before it.
    const spoofed = ['198.51.100.1, 203.0.113.7', '198.51.100.2, 203.0.113.7', '198.51.100.3, 203.0.113.7'];
    expect(await statusesFor(['127.0.0.0/8'], spoofed)).toEqual([200, 200, 429]);
  });

  it('a hop count trusts that many proxies, and no more', async () => {
    const spoofed = ['198.51.100.1, 203.0.113.8', '198.51.100.2, 203.0.113.8', '198.51.100.3, 203.0.113.8'];
    expect(await statusesFor(1, spoofed)).toEqual([200, 200, 429]);
  });

  it('a peer that is not a listed proxy cannot choose its address', async () => {
    expect(await statusesFor(['10.0.0.1'], ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([200, 200, 429]);
  });
});

describe('TRUST_PROXY in the request log', () => {
  const loggedAddress = async (trustProxy: TrustProxy) => {
    app = await startApp(auth.clerkOptions(), { trustProxy });
    await send(app.baseUrl, '/api/hello', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    const line = app.logs.find((entry) => (entry.req as { url?: string } | undefined)?.url === '/api/hello');
    return (line?.req as { remoteAddress?: string } | undefined)?.remoteAddress;
  };

  it('logs the client behind a named proxy', async () => {
    expect(await loggedAddress(['127.0.0.1'])).toBe('203.0.113.9');
  });

  it('logs the peer, not what it claims, when no proxy is trusted', async () => {
    expect(await loggedAddress(false)).toMatch(/127\.0\.0\.1$/);
  });
});
