import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import type { ActiveOrganizationClaim } from '#shared/session-token';
import { useAppWithFakeBackendApi } from '../testing/app-with-fake-backend-api.ts';
import { bearer, send } from '../testing/http.ts';
import { refusedUrl } from '../testing/listen.ts';
import { startApp } from '../testing/start-app.ts';

const fake = useAppWithFakeBackendApi();
const { auth } = fake;
const acme = (role: string): ActiveOrganizationClaim => ({ id: 'org_acme', slug: 'acme', role, permissions: [] });
const acmeAdminToken = () => auth.token({ organization: acme('org:admin') });

function expectUpstreamUnavailable(reply: Awaited<ReturnType<typeof send>>) {
  expect(reply.status).toBe(503);
  expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'upstream_unavailable', requestId: expect.any(String) });
  expect(reply.text).not.toMatch(/internal_clerk_error|clerk_trace_id|ECONNREFUSED|fetch failed/);
}

describe('GET /api/orgs/:slug/members when the Backend API fails', () => {
  it.each([500, 502, 401])('answers 503 upstream_unavailable for a %i', async (status) => {
    fake.backendApi.failWith(status);
    expectUpstreamUnavailable(await send(fake.app.baseUrl, '/api/orgs/acme/members', { headers: bearer(acmeAdminToken()) }));
  });

  it('answers 503 with Retry-After when rate-limited', async () => {
    fake.backendApi.failWith(429, { 'Retry-After': '4' });
    const reply = await send(fake.app.baseUrl, '/api/orgs/acme/members', { headers: bearer(acmeAdminToken()) });
    expectUpstreamUnavailable(reply);
    expect(reply.headers['retry-after']).toBe('4');
  });

  it('answers 503 when the Backend API is down', async () => {
    const offline = await startApp(auth.clerkOptions({ apiUrl: await refusedUrl() }));
    try {
      expectUpstreamUnavailable(await send(offline.baseUrl, '/api/orgs/acme/members', { headers: bearer(acmeAdminToken()) }));
    } finally {
      await offline.close();
    }
  });
});

describe('the organization admin check', () => {
  it.each([
    ['a member of the organization', auth.token({ organization: acme('org:member') })],
    ['an admin of another organization', auth.token({ organization: { id: 'org_globex', slug: 'globex', role: 'org:admin', permissions: [] } })],
    ['an app admin without an active organization', auth.token({ publicMetadata: { role: 'admin' } })],
  ])('refuses %s with 403 without any Backend API call', async (_name, token) => {
    const reply = await send(fake.app.baseUrl, '/api/orgs/acme/members', { headers: bearer(token) });
    expect(reply.status).toBe(403);
    expect(fake.backendApi.requests).toEqual([]);
  });
});
