import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixtures, nowSeconds, SPA_ORIGIN } from '../testing/auth-fixtures.ts';
import { startFakeBackendApi, type FakeBackendApi } from '../testing/fake-backend-api.ts';
import { bearerOnly } from './bearer-only.ts';
import { createApiClerkClient } from './clerk-client.ts';

const auth = createAuthFixtures();
let backendApi: FakeBackendApi;
beforeAll(async () => {
  backendApi = await startFakeBackendApi(auth.keys.secretKey);
});
afterAll(() => backendApi.close());

/** The options clerkMiddleware hands to `authenticateRequest`. */
function middlewareOptions() {
  const { secretKey, publishableKey, jwtKey, authorizedParties } = auth.clerkOptions();
  return { secretKey, publishableKey, jwtKey, authorizedParties, acceptsToken: 'any' as const };
}

function clients() {
  const clerk = createApiClerkClient(auth.clerkOptions({ apiUrl: backendApi.url }));
  return { clerk, bearer: bearerOnly(clerk) };
}

/** What a browser sends when someone opens the API URL in a tab. */
function documentRequest(headers: Record<string, string> = {}): Request {
  return new Request('http://clerk-dummy/api/me', {
    headers: { Accept: 'text/html,application/xhtml+xml', 'Sec-Fetch-Dest': 'document', ...headers },
  });
}

describe('bearerOnly', () => {
  it('answers signed out where Clerk alone would redirect a document request with an expired token', async () => {
    const expired = auth.token({ issuedAt: nowSeconds() - 600 });
    const request = documentRequest({ Authorization: `Bearer ${expired}` });
    const { clerk, bearer } = clients();

    const plain = await clerk.authenticateRequest(request, middlewareOptions());
    expect(plain.status).toBe('handshake');
    expect(plain.headers.get('location')).toBeTruthy();

    const state = await bearer.authenticateRequest(request, middlewareOptions());
    expect(state.status).toBe('signed-out');
    expect(state.headers.get('location')).toBeNull();
    expect(state.headers.get('x-clerk-auth-reason')).toContain('session-token-expired');
  });

  it('answers signed out where Clerk alone would redirect a tokenless document request to sync the dev browser', async () => {
    const { clerk, bearer } = clients();
    const plain = await clerk.authenticateRequest(documentRequest(), middlewareOptions());
    expect(plain.status).toBe('handshake');

    const state = await bearer.authenticateRequest(documentRequest(), middlewareOptions());
    expect(state.status).toBe('signed-out');
    expect([...state.headers.keys()]).toEqual([]);
  });

  it('ignores Clerk session cookies: only the Authorization header signs a request in', async () => {
    const cookies = `__session=${auth.token()}; __client_uat=${nowSeconds() - 60}; __clerk_db_jwt=dvb_1`;
    const request = new Request('http://clerk-dummy/api/me', { headers: { Cookie: cookies } });
    const { clerk, bearer } = clients();

    expect((await clerk.authenticateRequest(request, middlewareOptions())).status).toBe('signed-in');
    const state = await bearer.authenticateRequest(request, middlewareOptions());
    expect(state.status).toBe('signed-out');
    expect(state.headers.get('set-cookie')).toBeNull();
  });

  it('signs in with a valid Bearer token, even on a document request with cookies', async () => {
    const request = documentRequest({ Authorization: `Bearer ${auth.token()}`, Cookie: '__client_uat=0' });
    const { bearer } = clients();
    const state = await bearer.authenticateRequest(request, middlewareOptions());
    expect(state.status).toBe('signed-in');
    expect(state.toAuth()).toMatchObject({ userId: 'user_test_ada', sessionId: 'sess_test_ada' });
  });

  it('refuses machine tokens without calling the Backend API', async () => {
    const { clerk, bearer } = clients();
    const request = new Request('http://clerk-dummy/api/me', { headers: { Authorization: 'Bearer ak_live_machine' } });
    backendApi.requests.length = 0;

    await clerk.authenticateRequest(request, middlewareOptions());
    expect(backendApi.requests.length).toBeGreaterThan(0);

    backendApi.requests.length = 0;
    const state = await bearer.authenticateRequest(request, middlewareOptions());
    expect(state.status).toBe('signed-out');
    expect(backendApi.requests).toEqual([]);
  });

  it('keeps only the reason headers, printable, for a refused token; nothing for a valid one', async () => {
    const { clerk, bearer } = clients();
    const wrongParty = auth.token({ azp: 'https://évil.example\nX-Injected: 1' });
    const request = new Request('http://clerk-dummy/api/me', { headers: { Authorization: `Bearer ${wrongParty}` } });

    expect((await clerk.authenticateRequest(request, middlewareOptions())).headers.get('x-clerk-auth-status')).toBe('signed-out');
    const state = await bearer.authenticateRequest(request, middlewareOptions());
    expect([...state.headers.keys()].sort()).toEqual(['x-clerk-auth-message', 'x-clerk-auth-reason']);
    expect(state.headers.get('x-clerk-auth-reason')).toBe('token-invalid-authorized-parties');
    expect(state.headers.get('x-clerk-auth-message')).toMatch(/^[\x20-\x7e]+$/);
    expect(state.headers.get('x-clerk-auth-message')).toContain(SPA_ORIGIN);

    const valid = new Request('http://clerk-dummy/api/me', { headers: { Authorization: `Bearer ${auth.token()}` } });
    expect([...(await bearer.authenticateRequest(valid, middlewareOptions())).headers.keys()]).toEqual([]);
  });
});
