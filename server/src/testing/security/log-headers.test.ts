import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixtures } from '../auth-fixtures.ts';
import { bearer, send } from '../http.ts';
import { startApp, type StartedApp } from '../start-app.ts';

/**
 * The request log names the headers it keeps; any other header, whatever a
 * client or proxy puts a credential in, never reaches the log. A client's
 * request id is kept only when it looks like an id.
 */
const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions());
});
afterAll(() => app.close());

/** The request log line of the request whose answer carried this id. */
function requestLogOf(requestId: string): { headers: Record<string, unknown> } {
  const line = app.logs.find((entry) => (entry.req as { id?: unknown } | undefined)?.id === requestId);
  expect(line, `no request log line for ${requestId}`).toBeDefined();
  return line!.req as { headers: Record<string, unknown> };
}

describe('the request log', () => {
  it('omits credentials in headers it does not know, and any header off its allow-list', async () => {
    const token = auth.token();
    const reply = await send(app.baseUrl, '/api/me', {
      headers: {
        ...bearer(token),
        'X-Clerk-Auth-Token': `SECRET-CLERK-${token}`,
        'X-Forwarded-Authorization': 'Bearer SECRET-FORWARDED',
        'X-Api-Key': 'SECRET-API-KEY',
        Cookie: '__session=SECRET-COOKIE',
        'X-Something-New': 'SECRET-UNKNOWN',
        'User-Agent': 'log-test/1.0',
      },
    });
    const { headers } = requestLogOf(String(reply.headers['x-request-id']));
    expect(Object.keys(headers).sort()).toEqual(['authorization', 'cookie', 'host', 'user-agent']);
    expect(headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'log-test/1.0' });
    expect(app.logText()).not.toMatch(/SECRET-/);
    expect(app.logText()).not.toContain(token.split('.')[1]);
  });
});

describe('request ids from the client', () => {
  it.each([
    ['a UUID', '3f0c7e1a-8d2b-4c5e-9f1a-2b3c4d5e6f70'],
    ['a short id with dots and underscores', 'spa.req_42'],
    ['64 characters', 'a'.repeat(64)],
  ])('keeps %s', async (_name, id) => {
    const reply = await send(app.baseUrl, '/api/hello', { headers: { 'X-Request-Id': id } });
    expect(reply.headers['x-request-id']).toBe(id);
  });

  it.each([
    ['65 characters', 'a'.repeat(65)],
    ['a colon', 'trace:1'],
    ['a space', 'two words'],
    ['a slash', 'a/b'],
    ['a quote', 'a"b'],
    ['a log-line forgery attempt', 'x\\n{"level":50}'],
  ])('replaces one with %s by a generated id', async (_name, id) => {
    const reply = await send(app.baseUrl, '/api/hello', { headers: { 'X-Request-Id': id } });
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(app.logText()).not.toContain(id);
  });
});
