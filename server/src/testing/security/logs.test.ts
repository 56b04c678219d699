import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../test-database.ts';
import { generateKeys } from '../../common/local-keys.ts';
import { buildSessionClaims } from '#shared/session-token';
import { newTokenId, signJwt } from '../../clerk-emulator/tokens/session-token.ts';
import { TEST_SPA_ORIGIN } from '../test-emulator.ts';
import { bearer, send } from '../http.ts';
import { expectNothingPrivate, useEmulatorStack, type SeededCaller } from '../emulator-stack.ts';

/**
 * After a run of good and bad requests through the real emulator (so the
 * API makes Backend API calls with its secret key and receives users' private
 * metadata), the API's log holds none of it: no session token wherever a
 * caller put one, no secret or private key, no private metadata.
 */
const stack = useEmulatorStack({ per: 'file', database: true });
const tokens: string[] = [];
let logText = '';

beforeAll(async () => {
  await runGoodAndBadRequests();
  logText = stack.api.logText();
}, OPEN_TIMEOUT_MS);

async function tokenOf(persona: SeededCaller): Promise<string> {
  const token = await stack.tokenOf(stack.signIn(persona));
  tokens.push(token);
  return token;
}

function forged(overrides: { keys?: ReturnType<typeof generateKeys>; issuedAt?: number; azp?: string }): string {
  const claims = buildSessionClaims({
    userId: stack.userIdOf('admin@example.com'),
    sessionId: 'sess_forged',
    jti: newTokenId(),
    azp: overrides.azp ?? TEST_SPA_ORIGIN,
    issuer: stack.emulator.url,
    publicMetadata: { role: 'admin' },
    ...(overrides.issuedAt === undefined ? {} : { issuedAt: overrides.issuedAt }),
  });
  const token = signJwt(claims, overrides.keys ?? stack.emulator.keys);
  tokens.push(token);
  return token;
}

async function runGoodAndBadRequests(): Promise<void> {
  const api = stack.api.baseUrl;
  const admin = await tokenOf('appAdmin');
  const member = await tokenOf('acmeMember');
  const orgAdmin = await tokenOf('acmeAdmin');
  const good: Array<[string, string, object?]> = [
    [admin, '/api/me'],
    [admin, '/api/me/profile'],
    [admin, '/api/admin/users?limit=50'],
    [orgAdmin, '/api/orgs/acme/members'],
    [member, '/api/posts', { method: 'POST', body: { title: 'Logged post' } }],
    [member, '/api/posts'],
  ];
  for (const [token, path, options] of good) expect((await send(api, path, { headers: bearer(token), ...options })).status).toBeLessThan(300);

  const expired = forged({ issuedAt: Math.floor(Date.now() / 1000) - 3600 });
  const foreign = forged({ keys: generateKeys() });
  const wrongParty = forged({ azp: 'https://evil.example' });
  const [header, , signature] = member.split('.');
  const tampered = `${header}.${Buffer.from('{"sub":"user_x"}').toString('base64url')}.${signature}`;
  const garbage = randomBytes(6 * 1024).toString('base64url');
  tokens.push(tampered, garbage);
  const bad: Array<[string, Record<string, string>]> = [
    ['/api/me', bearer(expired)],
    ['/api/me', bearer(foreign)],
    ['/api/me', bearer(wrongParty)],
    ['/api/me', bearer(tampered)],
    ['/api/me', bearer(garbage)],
    ['/api/me', { Authorization: `Bearer ${member} ${admin}` }],
    ['/api/me', { Authorization: `Basic ${Buffer.from(`admin:${stack.clerk.secretKey}`).toString('base64')}` }],
    [`/api/me?__session=${admin}&token=${member}`, {}],
    ['/api/me', { Cookie: `__session=${admin}; __client_uat=1` }],
    ['/api/me', { 'Proxy-Authorization': `Bearer ${admin}` }],
    ['/api/admin/users', bearer(member)],
    ['/api/posts/%FF%FE', bearer(member)],
  ];
  for (const [path, headers] of bad) expect((await send(api, path, { headers })).status).toBeGreaterThanOrEqual(400);
}

/** A token shows in a log if any of its parts does: the payload alone identifies a session. */
function partsOf(token: string): string[] {
  const parts = token.split('.').filter((part) => part.length >= 16);
  return [token, ...parts.slice(1), ...(parts.length === 1 ? [token.slice(0, 64)] : [])];
}

describe('the API log after good and bad requests', () => {
  it('was written, with the Authorization and Cookie headers redacted', () => {
    expect(stack.api.logs.length).toBeGreaterThan(20);
    expect(logText).toContain('[redacted]');
  });

  it('contains no session token, nor any part of one, wherever the caller put it', () => {
    expect(tokens.length).toBeGreaterThan(5);
    for (const token of tokens) {
      for (const part of partsOf(token)) expect(logText.includes(part), `a token part is in the log: ${part.slice(0, 24)}…`).toBe(false);
    }
  });

  it('contains no secret key and no private signing key', () => {
    expect(logText).not.toContain(stack.clerk.secretKey);
    const privateKeyBody = stack.emulator.keys.privateKeyPem.split('\n').filter((line) => line.length === 64);
    for (const line of privateKeyBody) expect(logText).not.toContain(line);
  });

  it('contains no private metadata', () => {
    expectNothingPrivate(logText);
  });
});
