import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { createAuthFixtures, nowSeconds, SPA_ORIGIN } from './testing/auth-fixtures.ts';
import { bearer, send } from './testing/http.ts';
import { startApp, type StartedApp } from './testing/start-app.ts';

const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions());
});
afterAll(() => app.close());

function preflight(origin: string, method = 'POST') {
  return send(app.baseUrl, '/api/greet', {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,content-type' },
  });
}

describe('CORS', () => {
  it('gives the SPA origin Access-Control-Allow-Origin, varying on Origin', async () => {
    const reply = await send(app.baseUrl, '/api/health', { headers: { Origin: SPA_ORIGIN } });
    expect(reply.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(reply.headers.vary).toMatch(/\bOrigin\b/);
    expect(reply.headers['access-control-expose-headers']).toBe('X-Request-Id,Idempotent-Replayed');
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('gives any other origin no Access-Control-Allow-Origin', async () => {
    const reply = await send(app.baseUrl, '/api/health', { headers: { Origin: 'https://evil.example' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the SPA origin a preflight for Authorization, Content-Type, Cache-Control and Idempotency-Key', async () => {
    const reply = await preflight(SPA_ORIGIN);
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(reply.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,Cache-Control,Idempotency-Key');
    expect(reply.headers['access-control-allow-methods']).toContain('POST');
    expect(reply.headers['access-control-max-age']).toBe('600');
  });

  it.each(['https://evil.example', 'null', `${SPA_ORIGIN}.evil.example`])('refuses a preflight from %s', async (origin) => {
    const reply = await preflight(origin);
    expect(reply.status).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(reply.headers['access-control-allow-methods']).toBeUndefined();
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('forbidden');
  });
});

describe('request ids', () => {
  it('are generated for every response and put in error bodies', async () => {
    const reply = await send(app.baseUrl, '/api/me');
    const id = reply.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ApiErrorBodySchema.parse(reply.json).error.requestId).toBe(id);
  });

  it('keep a sane incoming X-Request-Id and replace an unsafe one', async () => {
    const kept = await send(app.baseUrl, '/api/health', { headers: { 'X-Request-Id': 'spa-1234.abc' } });
    expect(kept.headers['x-request-id']).toBe('spa-1234.abc');
    const replaced = await send(app.baseUrl, '/api/health', { headers: { 'X-Request-Id': 'a"b <script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const tooLong = await send(app.baseUrl, '/api/health', { headers: { 'X-Request-Id': 'x'.repeat(129) } });
    expect(tooLong.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const reply = await send(app.baseUrl, '/api/nope');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'not_found', message: 'No route for GET /api/nope' });
  });

  it('answers malformed JSON with 400 bad_request, without parser internals', async () => {
    const reply = await send(app.baseUrl, '/api/greet', {
      method: 'POST',
      headers: { ...bearer(auth.token()), 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'bad_request', message: 'The request body is not valid JSON.' });
    expect(reply.text).not.toMatch(/at .*\.js|SyntaxError|node_modules/);
  });

  it('answers a body over 100 kB with 413 payload_too_large', async () => {
    const reply = await send(app.baseUrl, '/api/greet', {
      method: 'POST',
      headers: bearer(auth.token()),
      body: { name: 'x'.repeat(101 * 1024) },
    });
    expect(reply.status).toBe(413);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('payload_too_large');
  });

  it('sets Cache-Control: no-store, since answers depend on the caller', async () => {
    const reply = await send(app.baseUrl, '/api/me', { headers: bearer(auth.token()) });
    expect(reply.headers['cache-control']).toBe('no-store');
  });
});

describe('never a redirect, never a cookie', () => {
  const navigation = { Accept: 'text/html,application/xhtml+xml', 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate' };

  it('answers a browser navigation with an expired token and Clerk cookies with JSON 401', async () => {
    const expired = auth.token({ issuedAt: nowSeconds() - 600 });
    const reply = await send(app.baseUrl, '/api/me', {
      headers: {
        ...navigation,
        ...bearer(expired),
        Cookie: `__session=${expired}; __client_uat=${nowSeconds() - 700}; __refresh_abc=r; __clerk_db_jwt=dvb`,
      },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers.location).toBeUndefined();
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('unauthenticated');
    expect(Object.keys(reply.headers).filter((name) => name.startsWith('x-clerk'))).toEqual([]);
  });

  it('answers a tokenless navigation to a public endpoint with its JSON, handshake parameters or not', async () => {
    const reply = await send(app.baseUrl, '/api/hello?__clerk_db_jwt=dvb&__clerk_handshake=abc', { headers: navigation });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ message: 'Hello, stranger.', signedIn: false });
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('does not sign anyone in from a valid session cookie', async () => {
    const reply = await send(app.baseUrl, '/api/me', {
      headers: { Cookie: `__session=${auth.token()}; __client_uat=${nowSeconds() - 60}; __clerk_db_jwt=dvb_1` },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="api"');
  });
});
