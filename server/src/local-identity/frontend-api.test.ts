import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticatedResponseSchema, ClientResponseSchema, FRONTEND_API_PATHS } from '#shared/local-identity-protocol';
import { SEED_PASSWORD } from './seed.ts';
import { frontendCaller } from './frontend-test-client.ts';
import {
  copyDataDir,
  makeSeededTemplate,
  startIdentityTestServer,
  TEST_SPA_ORIGIN,
  type IdentityTestServer,
} from './test-server.ts';

let template: Awaited<ReturnType<typeof makeSeededTemplate>>;
let temp: ReturnType<typeof copyDataDir>;
let server: IdentityTestServer;
const { call, signIn, mintToken } = frontendCaller(() => server);

beforeAll(async () => {
  template = await makeSeededTemplate();
});

afterAll(() => template.remove());

beforeEach(async () => {
  temp = copyDataDir(template.dataDir);
  server = await startIdentityTestServer(temp.dataDir);
});

afterEach(async () => {
  await server.close();
  temp.remove();
});

describe('sign-in', () => {
  it('answers a client with an active session for a seeded user, with no org active', async () => {
    const signedIn = await signIn('Admin@Example.com');
    expect(signedIn.clientToken).toMatch(/^[\w-]{43,}$/);
    const session = signedIn.client.sessions[0]!;
    expect(session).toMatchObject({ id: signedIn.createdSessionId, status: 'active', lastActiveOrganizationId: null });
    expect(session.user).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', publicMetadata: { role: 'admin' } });
    expect(session.user.lastSignInAt).toEqual(expect.any(Number));
    expect(session.user.imageUrl).toBe(`${server.url}/v1/avatars/${session.user.id}.svg`);
    expect(session.expireAt - session.createdAt).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it("refuses an unknown email with Clerk's form_identifier_not_found", async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.signIns, { body: { identifier: 'nobody@example.com', password: 'x' } });
    expect(status).toBe(422);
    expect(json).toMatchObject({ error: { code: 'form_identifier_not_found', fields: { identifier: [expect.any(String)] } } });
  });

  it("refuses a wrong password with Clerk's form_password_incorrect", async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.signIns, { body: { identifier: 'admin@example.com', password: 'wrong' } });
    expect(status).toBe(422);
    expect(json).toMatchObject({ error: { code: 'form_password_incorrect' } });
  });

  it('answers 400 with field errors for a malformed body', async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.signIns, { body: { identifier: 'not-an-email' } });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'validation_failed', fields: { identifier: [expect.any(String)], password: [expect.any(String)] } } });
  });

  it('ends the previous session of the same browser (single-session)', async () => {
    const first = await signIn('member@example.com');
    const { json } = await call(FRONTEND_API_PATHS.signIns, {
      token: first.clientToken,
      body: { identifier: 'outsider@example.com', password: SEED_PASSWORD },
    });
    const second = AuthenticatedResponseSchema.parse(json);
    expect(second.client.sessions.map((s) => s.user.firstName)).toEqual(['Edsger']);
    expect(server.store.sessionById(first.createdSessionId)?.status).toBe('ended');
    expect((await call(FRONTEND_API_PATHS.client, { method: 'GET', token: first.clientToken })).json).toEqual({ client: null });
  });
});

describe('the client', () => {
  it('is null for a missing or unknown client token', async () => {
    expect((await call(FRONTEND_API_PATHS.client, { method: 'GET' })).json).toEqual({ client: null });
    expect((await call(FRONTEND_API_PATHS.client, { method: 'GET', token: 'x'.repeat(43) })).json).toEqual({ client: null });
  });

  it('lists the signed-in session for the client token', async () => {
    const signedIn = await signIn('member@example.com');
    const { json } = await call(FRONTEND_API_PATHS.client, { method: 'GET', token: signedIn.clientToken });
    const { client } = ClientResponseSchema.parse(json);
    expect(client?.lastActiveSessionId).toBe(signedIn.createdSessionId);
    expect(client?.sessions[0]?.user.organizationMemberships).toEqual([
      expect.objectContaining({ role: 'org:member', roleName: 'Member', organization: expect.objectContaining({ slug: 'acme' }) }),
    ]);
  });

  it('answers 401 on client endpoints without a known client token', async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.sessionTokens('sess_x'), {});
    expect(status).toBe(401);
    expect(json).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('never sends private or unsafe metadata, nor password hashes, to the browser', async () => {
    const signedIn = await signIn('admin@example.com');
    const sessionId = signedIn.createdSessionId;
    const globex = server.store.organizationByIdOrSlug('globex')!;
    const bodies = [
      JSON.stringify(signedIn),
      JSON.stringify((await call(FRONTEND_API_PATHS.client, { method: 'GET', token: signedIn.clientToken })).json),
      JSON.stringify((await call(FRONTEND_API_PATHS.sessionTouch(sessionId), { token: signedIn.clientToken, body: { activeOrganizationId: globex.id } })).json),
      Buffer.from((await mintToken(signedIn.clientToken, sessionId)).split('.')[1]!, 'base64url').toString(),
    ];
    for (const body of bodies) {
      for (const secret of ['privateMetadata', 'private_metadata', 'unsafe', 'seeded admin', 'cus_local_admin', 'scrypt', 'passwordHash']) {
        expect(body).not.toContain(secret);
      }
    }
  });
});

describe('sign-up', () => {
  const newUser = { emailAddress: 'new.person@example.com', password: 'a-long-password', firstName: 'New', lastName: 'Person' };

  it('creates a signed-in user with no role and no memberships, then refuses the same email', async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.signUps, { body: newUser });
    expect(status).toBe(200);
    const user = AuthenticatedResponseSchema.parse(json).client.sessions[0]!.user;
    expect(user).toMatchObject({ firstName: 'New', lastName: 'Person', publicMetadata: {}, organizationMemberships: [] });
    const duplicate = await call(FRONTEND_API_PATHS.signUps, { body: { ...newUser, emailAddress: 'NEW.person@example.com' } });
    expect(duplicate.status).toBe(422);
    expect(duplicate.json).toMatchObject({ error: { code: 'form_identifier_exists' } });
    await signIn('new.person@example.com', 'a-long-password');
  });

  it('answers field errors for invalid input', async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.signUps, { body: { ...newUser, password: 'short', firstName: ' ' } });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { fields: { password: [expect.any(String)], firstName: [expect.any(String)] } } });
  });
});

describe('CORS and public endpoints', () => {
  it('allows the SPA origin with Authorization and Content-Type, and gives other origins nothing', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}${FRONTEND_API_PATHS.signIns}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight(TEST_SPA_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TEST_SPA_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('authorization,content-type');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const get = await call(FRONTEND_API_PATHS.client, { method: 'GET', origin: 'https://evil.example' });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the JWKS with the signing key id', async () => {
    const { status, json } = await call(FRONTEND_API_PATHS.jwks, { method: 'GET' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ keys: [{ kid: server.keys.kid, kty: 'RSA', alg: 'RS256', use: 'sig' }] });
  });

  it('answers unknown routes and malformed JSON with the JSON error envelope', async () => {
    expect(await call('/v1/client/nope', { method: 'GET' })).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    const response = await fetch(`${server.url}${FRONTEND_API_PATHS.signIns}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"identifier":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
  });
});
