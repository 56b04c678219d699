import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeResponseSchema } from '#shared/api-contracts';
import { server } from '@/testing/mocks/server.ts';
import { apiUrl } from '@/testing/mocks/handlers/api-auth.ts';
import { meHandlers } from '@/testing/mocks/handlers/me.ts';
import { ApiError, apiFetch } from './api-client.ts';

const EchoSchema = z.object({
  authorization: z.string().nullable(),
  contentType: z.string().nullable(),
  credentials: z.string(),
  body: z.unknown(),
});

/** Answers with what it received, so the test can see exactly what the client sent. */
function useEchoEndpoint() {
  server.use(
    http.all(apiUrl('/api/echo'), async ({ request }) =>
      HttpResponse.json({
        authorization: request.headers.get('Authorization'),
        contentType: request.headers.get('Content-Type'),
        credentials: request.credentials,
        body: request.method === 'GET' ? null : await request.json(),
      }),
    ),
  );
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiFetch', () => {
  it('sends the session token as a Bearer header and never sends cookies', async () => {
    useEchoEndpoint();
    const echo = await apiFetch('/api/echo', { schema: EchoSchema, getToken: async () => 'token-123' });
    expect(echo.authorization).toBe('Bearer token-123');
    expect(echo.credentials).toBe('omit');
  });

  it('replaces a token minted for another organization than the active one with a fresh one', async () => {
    useEchoEndpoint();
    const token = (o: { id: string } | null) => `h.${btoa(JSON.stringify({ sub: 'user_1', ...(o ? { o } : {}) })).replace(/=+$/, '')}.s`;
    const acme = token({ id: 'org_acme' });
    const personal = token(null);
    const asked: (boolean | undefined)[] = [];
    const getToken = (options?: { skipCache?: boolean }) => {
      asked.push(options?.skipCache);
      return Promise.resolve(options?.skipCache ? personal : acme);
    };

    const afterSwitch = await apiFetch('/api/echo', { schema: EchoSchema, getToken, organizationId: null });
    expect(afterSwitch.authorization).toBe(`Bearer ${personal}`);
    expect(asked).toEqual([undefined, true]);

    asked.length = 0;
    const inAcme = await apiFetch('/api/echo', { schema: EchoSchema, getToken, organizationId: 'org_acme' });
    expect(inAcme.authorization).toBe(`Bearer ${acme}`);
    expect(asked).toEqual([undefined]);
  });

  it('sends no Authorization header when signed out', async () => {
    useEchoEndpoint();
    const signedOut = await apiFetch('/api/echo', { schema: EchoSchema, getToken: async () => null });
    const noGetter = await apiFetch('/api/echo', { schema: EchoSchema });
    expect(signedOut.authorization).toBeNull();
    expect(noGetter.authorization).toBeNull();
  });

  it('sends a body as JSON', async () => {
    useEchoEndpoint();
    const echo = await apiFetch('/api/echo', { schema: EchoSchema, method: 'POST', body: { name: 'Ada' } });
    expect(echo.contentType).toBe('application/json');
    expect(echo.body).toEqual({ name: 'Ada' });
  });

  it('turns an error envelope into an ApiError with status, code, message and fields', async () => {
    server.use(
      http.post(apiUrl('/api/echo'), () =>
        HttpResponse.json({ error: { code: 'validation_failed', message: 'Invalid body', fields: { name: ['Enter a name'] } } }, { status: 400 }),
      ),
    );
    const error = await caught(apiFetch('/api/echo', { schema: EchoSchema, method: 'POST', body: {} }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid body' });
    expect(error.fields).toEqual({ name: ['Enter a name'] });
    expect(error.isClientError).toBe(true);
  });

  it('answers 401 through the API mock when no token is sent', async () => {
    server.use(meHandlers.default);
    const error = await caught(apiFetch('/api/me', { schema: MeResponseSchema, getToken: async () => null }));
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('keeps the status of an error that is not an envelope', async () => {
    server.use(http.get(apiUrl('/api/echo'), () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    const error = await caught(apiFetch('/api/echo', { schema: EchoSchema }));
    expect(error).toMatchObject({ status: 502, code: 'internal_error' });
    expect(error.isClientError).toBe(false);
  });

  it('maps a failed connection to a network_error', async () => {
    server.use(http.get(apiUrl('/api/echo'), () => HttpResponse.error()));
    const error = await caught(apiFetch('/api/echo', { schema: EchoSchema }));
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('maps a failure to get a token to a network_error', async () => {
    const getToken = async (): Promise<string | null> => {
      throw new Error('offline');
    };
    const error = await caught(apiFetch('/api/echo', { schema: EchoSchema, getToken }));
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('refuses a success body that does not match the schema', async () => {
    server.use(http.get(apiUrl('/api/echo'), () => HttpResponse.json({ unexpected: true })));
    const error = await caught(apiFetch('/api/echo', { schema: EchoSchema }));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('lets a cancellation through as an abort, not an ApiError', async () => {
    useEchoEndpoint();
    const controller = new AbortController();
    controller.abort();
    const promise = apiFetch('/api/echo', { schema: EchoSchema, signal: controller.signal });
    await expect(promise).rejects.toSatisfy((error) => !(error instanceof ApiError));
  });

  describe('on a 403, which may come from a role changed since the token was minted', () => {
    /** Refuses a token unless it is `allowed`; records the Authorization headers it saw. */
    function useRoleGatedEndpoint(allowed: string) {
      const seen: Array<string | null> = [];
      server.use(
        http.all(apiUrl('/api/echo'), ({ request }) => {
          seen.push(request.headers.get('Authorization'));
          if (request.headers.get('Authorization') !== `Bearer ${allowed}`) {
            return HttpResponse.json({ error: { code: 'forbidden', message: 'You do not have permission to do this.' } }, { status: 403 });
          }
          return HttpResponse.json({ authorization: allowed, contentType: null, credentials: 'omit', body: null });
        }),
      );
      return seen;
    }

    /** A token getter that hands out `cached` until asked to skip its cache, then `fresh`; records how it was called. */
    function tokenGetter(cached: string, fresh: string) {
      const calls: Array<{ skipCache?: boolean } | undefined> = [];
      const getToken = async (options?: { skipCache?: boolean }) => {
        calls.push(options);
        return options?.skipCache ? fresh : cached;
      };
      return { getToken, calls };
    }

    it('gets a fresh token and reloads the user once, then retries: a promotion works at once', async () => {
      const seen = useRoleGatedEndpoint('promoted');
      const { getToken, calls } = tokenGetter('stale', 'promoted');
      let reloads = 0;
      const echo = await apiFetch('/api/echo', { schema: EchoSchema, getToken, reloadUser: async () => void (reloads += 1) });
      expect(echo.authorization).toBe('promoted');
      expect(seen).toEqual(['Bearer stale', 'Bearer promoted']);
      expect(calls).toEqual([undefined, { skipCache: true }]);
      expect(reloads).toBe(1);
    });

    it('surfaces the 403 when the fresh token is refused too, without a second refresh', async () => {
      const seen = useRoleGatedEndpoint('nobody');
      const { getToken, calls } = tokenGetter('stale', 'fresh');
      const error = await caught(apiFetch('/api/echo', { schema: EchoSchema, getToken, method: 'PUT', body: { role: 'admin' } }));
      expect(error).toMatchObject({ status: 403, code: 'forbidden' });
      expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
      expect(calls).toHaveLength(2);
    });

    it('surfaces the 403 as it is when signed out: there is no token to refresh', async () => {
      const seen = useRoleGatedEndpoint('nobody');
      const error = await caught(apiFetch('/api/echo', { schema: EchoSchema }));
      expect(error.status).toBe(403);
      expect(seen).toHaveLength(1);
    });
  });
});
