import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClerkClient, getAuth, type ClerkClient } from '@clerk/express';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateKeys } from '../common/local-keys.ts';
import { createLogger } from '../logger.ts';
import { httpLogger } from '../middleware/http-logger.ts';
import { createAuthFixtures, nowSeconds, SPA_ORIGIN } from '../testing/auth-fixtures.ts';
import { bearer as bearerHeaders, send } from '../testing/http.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { authenticate } from './authenticate.ts';
import { createVerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token-cache.ts';

const auth = createAuthFixtures();
const options = auth.clerkOptions();
const verifyOptions = {
  secretKey: options.secretKey,
  publishableKey: options.publishableKey,
  jwtKey: options.jwtKey!,
  authorizedParties: [SPA_ORIGIN],
  acceptsToken: 'session_token' as const,
};

/** A real Clerk client whose `authenticateRequest` is counted. */
function countedClient() {
  const client = createClerkClient({
    secretKey: options.secretKey,
    publishableKey: options.publishableKey,
    jwtKey: options.jwtKey!,
    telemetry: { disabled: true },
  });
  const verifications = vi.fn(client.authenticateRequest);
  return { client: { ...client, authenticateRequest: verifications } as ClerkClient, verifications };
}

/** The client-side half of the cache alone, as `clerkMiddleware` would call it. */
function cachedClient(client: ClerkClient, cacheOptions?: VerifiedTokenCacheOptions) {
  const cache = createVerifiedTokenCache(cacheOptions);
  return Object.assign(cache.wrapClient(client), { tokenCacheStats: cache.stats });
}

/** The heap in use after a full collection (gc is exposed for the call: vitest's workers run without --expose-gc). */
function heapAfterCollection(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function bearer(token: string): Request {
  return new Request('http://api.test/api/me', { headers: { Authorization: `Bearer ${token}` } });
}

describe('the verified-token cache behind the Clerk client', () => {
  it('verifies a token once and answers the same token again from memory, signed in as the same user', async () => {
    const { client, verifications } = countedClient();
    const cached = cachedClient(client);
    const token = auth.token();
    const first = await cached.authenticateRequest(bearer(token), verifyOptions);
    const second = await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(first.status).toBe('signed-in');
    expect(second.toAuth()).toMatchObject({ userId: 'user_test_ada', sessionId: 'sess_test_ada' });
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(cached.tokenCacheStats()).toEqual({ reused: 0, hits: 1, misses: 1, size: 1 });
  });

  it('never caches a refusal: a bad token is verified, and refused, every time', async () => {
    const { client, verifications } = countedClient();
    const cached = cachedClient(client);
    const forged = auth.sign(auth.claims(), { keys: generateKeys() });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await cached.authenticateRequest(bearer(forged), verifyOptions)).status).toBe('signed-out');
    }
    expect(verifications).toHaveBeenCalledTimes(3);
    expect(cached.tokenCacheStats().size).toBe(0);
  });

  it('does not answer from memory once the token has expired', async () => {
    const { client, verifications } = countedClient();
    let clock = Date.now();
    const cached = cachedClient(client, { now: () => clock });
    const token = auth.token({ issuedAt: nowSeconds(), ttlSeconds: 60 });
    expect((await cached.authenticateRequest(bearer(token), verifyOptions)).status).toBe('signed-in');
    clock += 61_000;
    await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it('keys results on the configuration: a token cached for one set of parties is re-verified for another', async () => {
    const { client, verifications } = countedClient();
    const cached = cachedClient(client);
    const token = auth.token();
    expect((await cached.authenticateRequest(bearer(token), verifyOptions)).status).toBe('signed-in');
    const narrower = { ...verifyOptions, authorizedParties: ['https://other.example'] };
    expect((await cached.authenticateRequest(bearer(token), narrower)).status).toBe('signed-out');
    const otherKey = { ...verifyOptions, jwtKey: generateKeys().publicKeyPem };
    expect((await cached.authenticateRequest(bearer(token), otherKey)).status).toBe('signed-out');
    expect(verifications).toHaveBeenCalledTimes(3);
  });

  it('holds at most maxEntries tokens, evicting the least recently used', async () => {
    const { client, verifications } = countedClient();
    const cached = cachedClient(client, { maxEntries: 2 });
    const [a, b, c] = ['user_a', 'user_b', 'user_c'].map((userId) => auth.token({ userId }));
    for (const token of [a!, b!, a!, c!]) await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(cached.tokenCacheStats().size).toBe(2);
    expect(verifications).toHaveBeenCalledTimes(3);
    await cached.authenticateRequest(bearer(a!), verifyOptions); // kept: used more recently than b
    expect(verifications).toHaveBeenCalledTimes(3);
    await cached.authenticateRequest(bearer(b!), verifyOptions); // evicted when c came
    expect(verifications).toHaveBeenCalledTimes(4);
  });

  it('passes requests without a token straight to Clerk', async () => {
    const { client, verifications } = countedClient();
    const cached = cachedClient(client);
    const state = await cached.authenticateRequest(new Request('http://api.test/api/me'), verifyOptions);
    expect(state.status).toBe('signed-out');
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(cached.tokenCacheStats()).toEqual({ reused: 0, hits: 0, misses: 0, size: 0 });
  });

  it('stays bounded with 100,000 distinct valid tokens: at most maxEntries are kept, and the heap stops growing', async () => {
    // A stand-in for Clerk that signs every token in with claims of its own, the
    // size of a real session's: the bound, not verification, is under test here.
    const exp = nowSeconds() + 60;
    const client = {
      authenticateRequest: async (request: Request) => {
        const sessionClaims = { ...auth.claims(), exp, sub: request.headers.get('authorization')!.slice(7) };
        return { status: 'signed-in', toAuth: () => ({ userId: sessionClaims.sub, sessionClaims }) };
      },
    } as unknown as ClerkClient;
    const cached = cachedClient(client, { maxEntries: 10_000 });
    const present = async (from: number, to: number) => {
      for (let i = from; i < to; i += 1) await cached.authenticateRequest(bearer(`token-${i}`), verifyOptions);
    };
    await present(0, 20_000);
    const full = heapAfterCollection();
    await present(20_000, 100_000);
    const growth = heapAfterCollection() - full;
    expect(cached.tokenCacheStats()).toMatchObject({ size: 10_000, misses: 100_000 });
    // Unbounded, the 80,000 further entries measured 83 MB; a bounded cache replaces, it does not grow.
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);

  it('builds the auth object of a cached token once, however often the request reads it', async () => {
    const { client } = countedClient();
    const cached = cachedClient(client);
    const token = auth.token();
    const first = await cached.authenticateRequest(bearer(token), verifyOptions);
    const second = await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(second.toAuth()).toBe(first.toAuth());
    expect(second.toAuth()).toMatchObject({ userId: 'user_test_ada' });
  });
});

describe('the verified-token cache around clerkMiddleware', () => {
  let server: Listening | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** `authenticate` as the app mounts it, in front of a route that says who the caller is. */
  async function protectedRoute(cacheOptions?: VerifiedTokenCacheOptions) {
    const { client, verifications } = countedClient();
    const cache = createVerifiedTokenCache(cacheOptions);
    const app = express();
    app.use(httpLogger(createLogger('silent')));
    app.use(authenticate(client, options, cache));
    app.get('/who', (req, res) => {
      const { userId, sessionId } = getAuth(req);
      res.json({ userId, sessionId });
    });
    server = await listen(app);
    const who = async (headers: Record<string, string | string[]>) => (await send(server!.baseUrl, '/who', { headers })).json;
    return { who, cache, verifications };
  }

  it("hands a known token's auth straight back: Clerk neither verifies it again nor converts the request", async () => {
    const { who, cache, verifications } = await protectedRoute();
    const token = auth.token();
    for (let request = 0; request < 3; request += 1) {
      expect(await who(bearerHeaders(token))).toEqual({ userId: 'user_test_ada', sessionId: 'sess_test_ada' });
    }
    expect(verifications).toHaveBeenCalledTimes(1);
    // Reused: the client was not even asked, so clerkMiddleware did none of its own work.
    expect(cache.stats()).toEqual({ reused: 2, hits: 0, misses: 1, size: 1 });
  });

  it('answers each token only for itself', async () => {
    const { who, verifications } = await protectedRoute();
    const ada = auth.token();
    const grace = auth.token({ userId: 'user_grace', sessionId: 'sess_grace' });
    expect(await who(bearerHeaders(ada))).toMatchObject({ userId: 'user_test_ada' });
    expect(await who(bearerHeaders(grace))).toEqual({ userId: 'user_grace', sessionId: 'sess_grace' });
    expect(await who(bearerHeaders(ada))).toMatchObject({ userId: 'user_test_ada' });
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it("reuses nothing past the token's exp: Clerk decides again", async () => {
    let clock = Date.now();
    const { who, cache, verifications } = await protectedRoute({ now: () => clock });
    const token = auth.token({ issuedAt: nowSeconds(), ttlSeconds: 60 });
    await who(bearerHeaders(token));
    await who(bearerHeaders(token));
    clock += 61_000;
    await who(bearerHeaders(token));
    expect(verifications).toHaveBeenCalledTimes(2);
    expect(cache.stats()).toMatchObject({ reused: 1, hits: 0, misses: 2 });
  });

  it('never remembers a refusal', async () => {
    const { who, cache, verifications } = await protectedRoute();
    const forged = auth.sign(auth.claims(), { keys: generateKeys() });
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await who(bearerHeaders(forged))).toEqual({ userId: null, sessionId: null });
    expect(verifications).toHaveBeenCalledTimes(3);
    expect(cache.stats()).toEqual({ reused: 0, hits: 0, misses: 3, size: 0 });
  });

  it('a known token sent twice, or followed by another, signs no one in', async () => {
    const { who, cache } = await protectedRoute();
    const token = auth.token();
    await who(bearerHeaders(token));
    expect(await who({ Authorization: [`Bearer ${token}`, `Bearer ${token}`] })).toEqual({ userId: null, sessionId: null });
    expect(await who({ Authorization: `Bearer ${token} Bearer ${token}` })).toEqual({ userId: null, sessionId: null });
    expect(cache.stats().reused).toBe(0);
  });

  it('serves one middleware: a second would trust entries verified under other options', () => {
    const cache = createVerifiedTokenCache();
    cache.wrapClient(countedClient().client);
    expect(() => cache.wrapClient(countedClient().client)).toThrow(/one clerkMiddleware/);
  });
});
