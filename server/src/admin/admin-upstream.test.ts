import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { createBackendGate } from '../clerk-backend/backend-call.ts';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { useAppWithFakeBackendApi } from '../testing/app-with-fake-backend-api.ts';
import { bearer, send, type SendOptions } from '../testing/http.ts';
import { listen, refusedUrl, type Listening } from '../testing/listen.ts';
import { startApp } from '../testing/start-app.ts';
import { createUserDirectory } from '../users/user-directory.ts';

const fake = useAppWithFakeBackendApi();
const { auth } = fake;
/** A well-formed Clerk id (TEST_USER's has underscores, which UserIdSchema refuses). */
const ADMIN_ID = 'user_testAdmin';
const adminToken = () => auth.token({ userId: ADMIN_ID, publicMetadata: { role: 'admin' } });

const ACTIONS: Array<[string, string, SendOptions]> = [
  ['GET /api/admin/users', '/api/admin/users?query=ada', {}],
  ['PUT /api/admin/users/:id/role', '/api/admin/users/user_other1/role', { method: 'PUT', body: { role: 'moderator' } }],
  ['DELETE /api/admin/users/:id/role', '/api/admin/users/user_other1/role', { method: 'DELETE' }],
];

function asAdmin(baseUrl: string, path: string, options: SendOptions) {
  return send(baseUrl, path, { ...options, headers: bearer(adminToken()) });
}

function expectUpstreamUnavailable(reply: Awaited<ReturnType<typeof send>>) {
  expect(reply.status).toBe(503);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'upstream_unavailable', requestId: expect.any(String) });
  expect(reply.text).not.toMatch(/internal_clerk_error|clerk_trace_id|ECONNREFUSED|fetch failed/);
}

describe.each(ACTIONS)('%s when the Backend API fails', (_name, path, options) => {
  it.each([500, 502, 401])('answers 503 upstream_unavailable for a %i', async (status) => {
    fake.backendApi.failWith(status);
    expectUpstreamUnavailable(await asAdmin(fake.app.baseUrl, path, options));
    expect(fake.backendApi.requests.length).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After when rate-limited', async () => {
    fake.backendApi.failWith(429, { 'Retry-After': '9' });
    const reply = await asAdmin(fake.app.baseUrl, path, options);
    expectUpstreamUnavailable(reply);
    expect(reply.headers['retry-after']).toBe('9');
  });

  it('answers 503 when the Backend API is down', async () => {
    const offline = await startApp(auth.clerkOptions({ apiUrl: await refusedUrl() }));
    try {
      expectUpstreamUnavailable(await asAdmin(offline.baseUrl, path, options));
    } finally {
      await offline.close();
    }
  });

  it('answers 503 when the Backend API does not answer in time', async () => {
    const silent: Listening = await listen(() => {});
    const hung = auth.clerkOptions({ apiUrl: silent.baseUrl });
    const users = createUserDirectory(createApiClerkClient(hung), { timeoutMs: 150 });
    const slow = await startApp(hung, { users });
    try {
      const started = Date.now();
      expectUpstreamUnavailable(await asAdmin(slow.baseUrl, path, options));
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await slow.close();
      await silent.close();
    }
  });
});

describe('refusals come before any Backend API call', () => {
  it.each([
    ['a malformed id', '/api/admin/users/not-an-id/role', { method: 'PUT', body: { role: 'moderator' } }, 400],
    ['an unknown role', '/api/admin/users/user_other1/role', { method: 'PUT', body: { role: 'owner' } }, 400],
    ['a bad search', '/api/admin/users?limit=500', {}, 400],
    ['removing their own role', `/api/admin/users/${ADMIN_ID}/role`, { method: 'DELETE' }, 403],
  ] as Array<[string, string, SendOptions, number]>)('%s is refused even with the Backend API down', async (_name, path, options, status) => {
    fake.backendApi.failWith(500);
    const reply = await asAdmin(fake.app.baseUrl, path, options);
    expect(reply.status).toBe(status);
    expect(fake.backendApi.requests).toEqual([]);
  });

  it('a moderator is refused without a Backend API call', async () => {
    const reply = await send(fake.app.baseUrl, '/api/admin/users', { headers: bearer(auth.token({ publicMetadata: { role: 'moderator' } })) });
    expect(reply.status).toBe(403);
    expect(fake.backendApi.requests).toEqual([]);
  });
});

describe('a Backend API that hangs', () => {
  it('is asked once for many concurrent calls, then not at all once the circuit is open: callers wait the budget, then nothing', async () => {
    const silent = await listen(() => {});
    let connections = 0;
    silent.server.on('connection', () => (connections += 1));
    const hung = auth.clerkOptions({ apiUrl: silent.baseUrl });
    const gate = createBackendGate({ failureThreshold: 2, coolDownMs: 60_000 });
    const users = createUserDirectory(createApiClerkClient(hung), { timeoutMs: 1000, gate });
    const app = await startApp(hung, { users });
    const wave = () => Promise.all(Array.from({ length: 20 }, () => asAdmin(app.baseUrl, '/api/admin/users?query=ada', {})));
    try {
      for (const reply of await wave()) expectUpstreamUnavailable(reply);
      // One caller, one resource: the 20 requests shared one call, whose only attempt used the budget.
      expect(connections).toBe(1);
      await wave();
      expect(gate.circuit.state()).toBe('open');

      const before = connections;
      const started = Date.now();
      const refused = await wave();
      for (const reply of refused) expectUpstreamUnavailable(reply);
      expect(refused[0]!.headers['retry-after']).toBe('60');
      expect(connections).toBe(before);
      // All 20 in less than the 1 s budget each of them would have waited (loose: a busy machine).
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await app.close();
      await silent.close();
    }
  });
});
