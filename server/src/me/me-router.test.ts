import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MeResponseSchema, ProfileResponseSchema } from '#shared/api-contracts';
import { ApiErrorBodySchema } from '#shared/api-error';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { clerkUserJson, startFakeBackendApi, type FakeBackendApi } from '../testing/fake-backend-api.ts';
import { bearer, send } from '../testing/http.ts';
import { refusedUrl } from '../testing/listen.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

const auth = createAuthFixtures();
let backendApi: FakeBackendApi;
let app: StartedApp;
beforeAll(async () => {
  backendApi = await startFakeBackendApi(auth.keys.secretKey);
  backendApi.users.set('user_test_ada', clerkUserJson());
});
// An app per test: the failures one test provokes open the Backend API circuit, which must not refuse the next test's calls.
beforeEach(async () => {
  app = await startApp(auth.clerkOptions({ apiUrl: backendApi.url }));
});
afterEach(async () => {
  backendApi.failWith(null);
  await app.close();
});
afterAll(() => backendApi.close());

describe('GET /api/me', () => {
  it('answers from the token claims alone: organization, permissions and app role', async () => {
    backendApi.requests.length = 0;
    const token = auth.token({
      publicMetadata: { role: 'moderator' },
      organization: { id: 'org_acme', slug: 'acme', role: 'org:admin', permissions: ['org:posts:manage', 'org:posts:read'] },
    });
    const reply = await send(app.baseUrl, '/api/me', { headers: bearer(token) });
    expect(reply.status).toBe(200);
    const me = MeResponseSchema.strict().parse(reply.json);
    expect({ ...me, orgPermissions: [...me.orgPermissions].sort() }).toEqual({
      userId: 'user_test_ada',
      sessionId: 'sess_test_ada',
      orgId: 'org_acme',
      orgSlug: 'acme',
      orgRole: 'org:admin',
      orgPermissions: ['org:posts:manage', 'org:posts:read'],
      role: 'moderator',
    });
    expect(backendApi.requests).toEqual([]);
  });

  it('answers nulls and no role for a user outside any organization with an unknown role claim', async () => {
    const reply = await send(app.baseUrl, '/api/me', { headers: bearer(auth.token({ publicMetadata: { role: 'owner' } })) });
    expect(MeResponseSchema.strict().parse(reply.json)).toMatchObject({ orgId: null, orgSlug: null, orgRole: null, orgPermissions: [], role: null });
  });

  it('answers 401 when signed out', async () => {
    const reply = await send(app.baseUrl, '/api/me');
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="api"');
  });
});

describe('GET /api/me/profile', () => {
  it('answers the allow-listed profile from the Backend API, nothing private or unsafe', async () => {
    backendApi.requests.length = 0;
    const reply = await send(app.baseUrl, '/api/me/profile', { headers: bearer(auth.token()) });
    expect(reply.status).toBe(200);
    expect(ProfileResponseSchema.strict().parse(reply.json)).toEqual({
      id: 'user_test_ada',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      primaryEmail: 'ada@example.test',
      imageUrl: 'https://img.example.test/ada.png',
      role: 'admin',
      createdAt: '2025-01-01T00:00:00.000Z',
      lastSignInAt: '2026-01-01T00:00:00.000Z',
    });
    for (const secret of ['cus_PRIVATE_SECRET', 'UNSAFE_USER_WRITTEN', 'EXTERNAL_ID_SECRET', 'ada.old@example.test']) {
      expect(reply.text).not.toContain(secret);
    }
    expect(backendApi.requests).toEqual([{ method: 'GET', path: '/v1/users/user_test_ada', authorization: `Bearer ${auth.keys.secretKey}` }]);
  });

  it('answers no role when public metadata holds an unknown one, and null for a user who never signed in', async () => {
    backendApi.users.set('user_new', clerkUserJson({ id: 'user_new', public_metadata: { role: 'superuser' }, last_sign_in_at: null }));
    const reply = await send(app.baseUrl, '/api/me/profile', { headers: bearer(auth.token({ userId: 'user_new' })) });
    expect(ProfileResponseSchema.parse(reply.json)).toMatchObject({ id: 'user_new', role: null, lastSignInAt: null });
  });

  it('answers 404 when Clerk no longer knows the user', async () => {
    const reply = await send(app.baseUrl, '/api/me/profile', { headers: bearer(auth.token({ userId: 'user_deleted' })) });
    expect(reply.status).toBe(404);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('not_found');
  });

  // Each failure test reads a user no earlier test has read: a cached profile would not reach the Backend API.
  it.each([500, 502, 401])('answers 503 upstream_unavailable when the Backend API answers %i', async (status) => {
    backendApi.failWith(status);
    const reply = await send(app.baseUrl, '/api/me/profile', { headers: bearer(auth.token({ userId: `user_uncached${status}` })) });
    expect(reply.status).toBe(503);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'upstream_unavailable' });
    expect(reply.text).not.toContain('internal_clerk_error');
  });

  it('answers 503 with Retry-After when the Backend API rate-limits', async () => {
    backendApi.failWith(429, { 'Retry-After': '7' });
    const reply = await send(app.baseUrl, '/api/me/profile', { headers: bearer(auth.token({ userId: 'user_uncached429' })) });
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('7');
  });

  it('answers 503 when the Backend API refuses connections, and logs the cause with the request id', async () => {
    const offline = await startApp(auth.clerkOptions({ apiUrl: await refusedUrl() }));
    try {
      const reply = await send(offline.baseUrl, '/api/me/profile', { headers: bearer(auth.token()) });
      expect(reply.status).toBe(503);
      expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('upstream_unavailable');
      const logged = offline.logs.find((line) => line.msg === 'request errored');
      expect(logged).toMatchObject({
        req: { id: reply.headers['x-request-id'] },
        err: { type: 'HttpError', details: { errors: [expect.stringMatching(/^unexpected_error: /)] } },
      });
    } finally {
      await offline.close();
    }
  });

  it('answers 401 when signed out, without calling the Backend API', async () => {
    backendApi.requests.length = 0;
    const reply = await send(app.baseUrl, '/api/me/profile');
    expect(reply.status).toBe(401);
    expect(backendApi.requests).toEqual([]);
  });
});

describe('PATCH /api/me/profile (Backend API failures; behaviour is in profile-patch.test.ts)', () => {
  const patch = (baseUrl: string, headers: Record<string, string> = bearer(auth.token())) =>
    send(baseUrl, '/api/me/profile', { method: 'PATCH', headers, body: { firstName: 'Ada', lastName: 'Byron' } });

  it.each([500, 502, 401])('answers 503 upstream_unavailable when the Backend API answers %i', async (status) => {
    backendApi.failWith(status);
    const reply = await patch(app.baseUrl);
    expect(reply.status).toBe(503);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('upstream_unavailable');
  });

  it("answers Clerk's refusal of a name as the caller's 400, at the field Clerk names, without retrying", async () => {
    backendApi.requests.length = 0;
    backendApi.failWith(422, {}, [
      {
        code: 'form_param_format_invalid',
        message: 'is invalid',
        long_message: 'First name contains characters that are not allowed.',
        meta: { param_name: 'first_name' },
      },
    ]);
    const reply = await patch(app.baseUrl);
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({
      code: 'validation_failed',
      fields: { firstName: ['First name contains characters that are not allowed.'] },
    });
    expect(backendApi.requests.filter(({ method }) => method === 'PATCH')).toHaveLength(1);
  });

  it('answers 503 when the Backend API refuses connections', async () => {
    const offline = await startApp(auth.clerkOptions({ apiUrl: await refusedUrl() }));
    try {
      expect((await patch(offline.baseUrl)).status).toBe(503);
    } finally {
      await offline.close();
    }
  });

  it('answers 404 when Clerk no longer knows the user', async () => {
    const reply = await patch(app.baseUrl, bearer(auth.token({ userId: 'user_deleted' })));
    expect(reply.status).toBe(404);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('not_found');
  });

  it('answers 401 when signed out, and 400 for a bad body, without calling the Backend API', async () => {
    backendApi.requests.length = 0;
    expect((await patch(app.baseUrl, {})).status).toBe(401);
    const bad = await send(app.baseUrl, '/api/me/profile', { method: 'PATCH', headers: bearer(auth.token()), body: { firstName: '' } });
    expect(bad.status).toBe(400);
    expect(backendApi.requests).toEqual([]);
  });
});
