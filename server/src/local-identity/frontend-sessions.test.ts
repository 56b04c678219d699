import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { __experimental_JWTPayloadToAuthObjectProperties as toAuth } from '@clerk/shared/jwtPayloadParser';
import { ClientResponseSchema, FRONTEND_API_PATHS } from '#shared/local-identity-protocol';
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
const { call, signIn, mintToken, verify } = frontendCaller(() => server);

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

describe('session tokens', () => {
  it('verify with Clerk and carry the user, session, azp and public metadata', async () => {
    const signedIn = await signIn('moderator@example.com');
    const claims = await verify(await mintToken(signedIn.clientToken, signedIn.createdSessionId));
    const user = signedIn.client.sessions[0]!.user;
    expect(claims).toMatchObject({ sub: user.id, sid: signedIn.createdSessionId, azp: TEST_SPA_ORIGIN, iss: server.url, v: 2 });
    expect(claims.metadata).toEqual({ role: 'moderator' });
    expect(claims.o).toBeUndefined();
  });

  it('carry org claims that Clerk parses once an organization is active', async () => {
    const signedIn = await signIn('orgadmin@example.com');
    const acme = server.store.organizationByIdOrSlug('acme')!;
    const touched = await call(FRONTEND_API_PATHS.sessionTouch(signedIn.createdSessionId), {
      token: signedIn.clientToken,
      body: { activeOrganizationId: acme.id },
    });
    expect(ClientResponseSchema.parse(touched.json).client?.sessions[0]?.lastActiveOrganizationId).toBe(acme.id);
    const auth = toAuth((await verify(await mintToken(signedIn.clientToken, signedIn.createdSessionId))) as never);
    expect(auth).toMatchObject({ orgId: acme.id, orgSlug: 'acme', orgRole: 'org:admin' });
    expect(auth.orgPermissions).toEqual(['org:posts:manage']);
  });

  it('read the role at mint time, so a metadata change shows in the next token', async () => {
    const signedIn = await signIn('member@example.com');
    const userId = signedIn.client.sessions[0]!.user.id;
    server.store.update(() => {
      server.store.userById(userId)!.publicMetadata = { role: 'moderator' };
    });
    const claims = await verify(await mintToken(signedIn.clientToken, signedIn.createdSessionId));
    expect(claims.metadata).toEqual({ role: 'moderator' });
  });

  it('are refused for an origin outside the authorized parties, or without an Origin', async () => {
    const signedIn = await signIn('member@example.com');
    for (const origin of ['https://evil.example', null]) {
      const { status, json } = await call(FRONTEND_API_PATHS.sessionTokens(signedIn.createdSessionId), { token: signedIn.clientToken, origin });
      expect(status).toBe(403);
      expect(json).toMatchObject({ error: { code: 'origin_not_allowed' } });
    }
  });

  it('are refused after sign-out', async () => {
    const signedIn = await signIn('member@example.com');
    const ended = await call(FRONTEND_API_PATHS.sessionEnd(signedIn.createdSessionId), { token: signedIn.clientToken });
    expect(ended.status).toBe(200);
    expect(ClientResponseSchema.parse(ended.json).client).toMatchObject({ sessions: [], lastActiveSessionId: null });
    const { status, json } = await call(FRONTEND_API_PATHS.sessionTokens(signedIn.createdSessionId), { token: signedIn.clientToken });
    expect(status).toBe(401);
    expect(json).toMatchObject({ error: { code: 'session_ended' } });
  });

  it("are refused for another client's session", async () => {
    const alan = await signIn('member@example.com');
    const grace = await signIn('moderator@example.com');
    const { status } = await call(FRONTEND_API_PATHS.sessionTokens(alan.createdSessionId), { token: grace.clientToken });
    expect(status).toBe(404);
  });
});

describe('touching a session', () => {
  it('refuses an organization the user is not a member of', async () => {
    const signedIn = await signIn('outsider@example.com');
    const acme = server.store.organizationByIdOrSlug('acme')!;
    const { status, json } = await call(FRONTEND_API_PATHS.sessionTouch(signedIn.createdSessionId), {
      token: signedIn.clientToken,
      body: { activeOrganizationId: acme.id },
    });
    expect(status).toBe(403);
    expect(json).toMatchObject({ error: { code: 'not_a_member' } });
  });

  it('returns to the personal account with null', async () => {
    const signedIn = await signIn('orgadmin@example.com');
    const acme = server.store.organizationByIdOrSlug('acme')!;
    const touch = (activeOrganizationId: string | null) =>
      call(FRONTEND_API_PATHS.sessionTouch(signedIn.createdSessionId), { token: signedIn.clientToken, body: { activeOrganizationId } });
    await touch(acme.id);
    expect(ClientResponseSchema.parse((await touch(null)).json).client?.sessions[0]?.lastActiveOrganizationId).toBeNull();
    const claims = await verify(await mintToken(signedIn.clientToken, signedIn.createdSessionId));
    expect(claims.o).toBeUndefined();
  });
});

describe('session lifetime', () => {
  it('ends after seven days: no more tokens, and the client lists no session', async () => {
    let clock = Date.now();
    const agedTemp = copyDataDir(template.dataDir);
    const aged = await startIdentityTestServer(agedTemp.dataDir, { now: () => clock });
    const agedCaller = frontendCaller(() => aged);
    try {
      const signedIn = await agedCaller.signIn('member@example.com');
      clock += 7 * 24 * 60 * 60 * 1000 - 1;
      expect(await agedCaller.mintToken(signedIn.clientToken, signedIn.createdSessionId)).toEqual(expect.any(String));
      clock += 2;
      const refused = await agedCaller.call(FRONTEND_API_PATHS.sessionTokens(signedIn.createdSessionId), { token: signedIn.clientToken });
      expect(refused).toMatchObject({ status: 401, json: { error: { code: 'session_expired' } } });
      const client = await agedCaller.call(FRONTEND_API_PATHS.client, { method: 'GET', token: signedIn.clientToken });
      expect(ClientResponseSchema.parse(client.json).client?.sessions).toEqual([]);
    } finally {
      await aged.close();
      agedTemp.remove();
    }
  });
});
