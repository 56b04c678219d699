import { createClerkClient, type ClerkClient } from '@clerk/express';
import { describe, expect, it, vi } from 'vitest';
import { generateKeys } from '../local-identity/keys.ts';
import { createAuthFixtures, nowSeconds, SPA_ORIGIN } from '../testing/auth-fixtures.ts';
import { withVerifiedTokenCache } from './verified-token-cache.ts';

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
  const client = createClerkClient({ secretKey: options.secretKey, publishableKey: options.publishableKey, jwtKey: options.jwtKey! });
  const verifications = vi.fn(client.authenticateRequest);
  return { client: { ...client, authenticateRequest: verifications } as ClerkClient, verifications };
}

function bearer(token: string): Request {
  return new Request('http://api.test/api/me', { headers: { Authorization: `Bearer ${token}` } });
}

describe('the verified-token cache', () => {
  it('verifies a token once and answers the same token again from memory, signed in as the same user', async () => {
    const { client, verifications } = countedClient();
    const cached = withVerifiedTokenCache(client);
    const token = auth.token();
    const first = await cached.authenticateRequest(bearer(token), verifyOptions);
    const second = await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(first.status).toBe('signed-in');
    expect(second.toAuth()).toMatchObject({ userId: 'user_test_ada', sessionId: 'sess_test_ada' });
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(cached.tokenCacheStats()).toEqual({ hits: 1, misses: 1, size: 1 });
  });

  it('never caches a refusal: a bad token is verified, and refused, every time', async () => {
    const { client, verifications } = countedClient();
    const cached = withVerifiedTokenCache(client);
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
    const cached = withVerifiedTokenCache(client, { now: () => clock });
    const token = auth.token({ issuedAt: nowSeconds(), ttlSeconds: 60 });
    expect((await cached.authenticateRequest(bearer(token), verifyOptions)).status).toBe('signed-in');
    clock += 61_000;
    await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it('keys results on the configuration: a token cached for one set of parties is re-verified for another', async () => {
    const { client, verifications } = countedClient();
    const cached = withVerifiedTokenCache(client);
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
    const cached = withVerifiedTokenCache(client, { maxEntries: 2 });
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
    const cached = withVerifiedTokenCache(client);
    const state = await cached.authenticateRequest(new Request('http://api.test/api/me'), verifyOptions);
    expect(state.status).toBe('signed-out');
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(cached.tokenCacheStats()).toEqual({ hits: 0, misses: 0, size: 0 });
  });

  it('stays bounded with 100,000 distinct valid tokens: at most maxEntries are kept', async () => {
    // A stand-in for Clerk that signs every token in: the bound, not verification, is under test here.
    const exp = nowSeconds() + 60;
    const signedIn = { status: 'signed-in', toAuth: () => ({ sessionClaims: { exp } }) };
    const client = { authenticateRequest: async () => signedIn } as unknown as ClerkClient;
    const cached = withVerifiedTokenCache(client, { maxEntries: 10_000 });
    for (let i = 0; i < 100_000; i += 1) await cached.authenticateRequest(bearer(`token-${i}`), verifyOptions);
    expect(cached.tokenCacheStats()).toMatchObject({ size: 10_000, misses: 100_000 });
  });

  it('builds the auth object of a cached token once, however often the request reads it', async () => {
    const { client } = countedClient();
    const cached = withVerifiedTokenCache(client);
    const token = auth.token();
    const first = await cached.authenticateRequest(bearer(token), verifyOptions);
    const second = await cached.authenticateRequest(bearer(token), verifyOptions);
    expect(second.toAuth()).toBe(first.toAuth());
    expect(second.toAuth()).toMatchObject({ userId: 'user_test_ada' });
  });
});
