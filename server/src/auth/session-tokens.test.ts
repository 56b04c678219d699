import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelloResponseSchema } from '#shared/api-contracts';
import { ApiErrorBodySchema } from '#shared/api-error';
import { generateKeys } from '../common/local-keys.ts';
import { createAuthFixtures, nowSeconds } from '../testing/auth-fixtures.ts';
import { send } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions());
});
afterAll(() => app.close());

const INVALID_TOKEN_CHALLENGE = 'Bearer realm="api", error="invalid_token"';
const BARE_CHALLENGE = 'Bearer realm="api"';

function withoutAzp(): string {
  const { azp: _azp, ...claims } = auth.claims();
  return auth.sign(claims);
}

function tampered(): string {
  const [header, , signature] = auth.token().split('.');
  const payload = Buffer.from(JSON.stringify(auth.claims({ userId: 'user_someone_else' }))).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

function unsigned(): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(auth.claims())).toString('base64url');
  return `${header}.${payload}.`;
}

/** Tokens a caller might present that must never sign anyone in. */
const rejectedTokens: Array<[string, () => string]> = [
  ['an expired token', () => auth.token({ issuedAt: nowSeconds() - 120, ttlSeconds: 60 })],
  ['a token not yet valid (nbf and iat a minute ahead)', () => auth.token({ issuedAt: nowSeconds() + 70 })],
  ['a token for another authorized party', () => auth.token({ azp: 'https://evil.example' })],
  ['a token without azp', withoutAzp],
  ['a token signed with another key', () => auth.sign(auth.claims(), { keys: generateKeys() })],
  ['a token whose payload was changed after signing', tampered],
  ['an unsigned token (alg: none)', unsigned],
  ['a token signed with alg HS256 in its header', () => auth.sign(auth.claims(), { header: { alg: 'HS256' } })],
  ['two segments', () => 'a.b'],
];

describe('session tokens at the API', () => {
  it('a valid token signs the caller in', async () => {
    const reply = await send(app.baseUrl, '/api/me', { headers: { Authorization: `Bearer ${auth.token()}` } });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ userId: 'user_test_ada', sessionId: 'sess_test_ada' });
  });

  it('a token issued just now by a server whose clock runs 3 s ahead is still accepted (5 s skew)', async () => {
    const token = auth.token({ issuedAt: nowSeconds() + 3 });
    const reply = await send(app.baseUrl, '/api/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
  });

  describe.each(rejectedTokens)('%s', (_name, makeToken) => {
    it('gets 401 invalid_token from a protected endpoint', async () => {
      const reply = await send(app.baseUrl, '/api/me', { headers: { Authorization: `Bearer ${makeToken()}` } });
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe(INVALID_TOKEN_CHALLENGE);
      expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('unauthenticated');
    });

    it('is a stranger, not an error, on a public endpoint', async () => {
      const reply = await send(app.baseUrl, '/api/hello', { headers: { Authorization: `Bearer ${makeToken()}` } });
      expect(reply.status).toBe(200);
      expect(HelloResponseSchema.parse(reply.json)).toEqual({ message: 'Hello, stranger.', signedIn: false });
    });
  });

  it.each([
    ['no Authorization header', undefined, BARE_CHALLENGE],
    ['a Bearer scheme without a token', 'Bearer', BARE_CHALLENGE],
    ['another scheme', 'Basic dXNlcjpwYXNz', BARE_CHALLENGE],
    ['a malformed Bearer token', 'Bearer a.b', INVALID_TOKEN_CHALLENGE],
  ])('%s gets 401 with the matching challenge', async (_name, authorization, challenge) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
    const reply = await send(app.baseUrl, '/api/me', { headers });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe(challenge);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'unauthenticated' });
  });

  it('never writes a token into the logs', async () => {
    const token = auth.token();
    await send(app.baseUrl, '/api/me?token=' + token, { headers: { Authorization: `Bearer ${token}` } });
    const expired = auth.token({ issuedAt: nowSeconds() - 600 });
    await send(app.baseUrl, '/api/me', { headers: { Authorization: `Bearer ${expired}`, Cookie: `__session=${expired}` } });
    expect(app.logText()).not.toContain(token.split('.')[2]);
    expect(app.logText()).not.toContain(expired.split('.')[2]);
    expect(app.logText()).toContain('[redacted]');
  });

  it('logs why a token was refused, with the request id, and tells the caller nothing more', async () => {
    const reply = await send(app.baseUrl, '/api/me', { headers: { Authorization: `Bearer ${auth.token({ azp: 'https://évil.example' })}` } });
    expect(Object.keys(reply.headers).filter((name) => name.startsWith('x-clerk'))).toEqual([]);
    expect(reply.text).not.toContain('azp');
    const rejections = app.logs.filter((line) => line.msg === 'bearer token rejected');
    expect(rejections.at(-1)).toMatchObject({
      req: { id: reply.headers['x-request-id'] },
      clerk: { reason: 'token-invalid-authorized-parties' },
    });
  });
});
