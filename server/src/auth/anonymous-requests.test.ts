import { createClerkClient, getAuth, type ClerkClient } from '@clerk/express';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.ts';
import { httpLogger } from '../middleware/http-logger.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { bearer, send } from '../testing/http.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { authenticate } from './authenticate.ts';

const auth = createAuthFixtures();
const options = auth.clerkOptions();

/** A real Clerk client whose `authenticateRequest` is counted. */
function countedClient() {
  const client = createClerkClient({
    secretKey: options.secretKey,
    publishableKey: options.publishableKey,
    jwtKey: options.jwtKey!,
    telemetry: { disabled: true },
  });
  const calls = vi.fn(client.authenticateRequest);
  return { client: { ...client, authenticateRequest: calls } as ClerkClient, calls };
}

const servers: Listening[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * An app that answers what `getAuth(req)` says: every plain field, what
 * `has()` answers to a few questions, `getToken()` and `debug()`.
 */
async function authEcho(client: ClerkClient, tokenCache?: false): Promise<string> {
  const app = express();
  // authenticate logs why a token was refused, through the request logger.
  app.use(httpLogger(createLogger('silent')));
  app.use(tokenCache === false ? authenticate(client, options, false) : authenticate(client, options));
  app.get('/auth', async (req, res) => {
    const current = getAuth(req);
    const plain = Object.fromEntries(Object.entries(current).filter(([, value]) => typeof value !== 'function'));
    res.json({
      plain,
      has: [current.has({ role: 'org:admin' }), current.has({ permission: 'org:posts:manage' })],
      token: await current.getToken(),
      debug: (current as { debug?: () => unknown }).debug?.(),
    });
  });
  const server = await listen(app);
  servers.push(server);
  return server.baseUrl;
}

describe('a request without an Authorization header', () => {
  it('gets exactly the auth that stock clerkMiddleware gives it: getAuth, has() and getToken() answer the same', async () => {
    const stock = await authEcho(countedClient().client, false);
    const shortcut = await authEcho(countedClient().client);
    const expected = (await send(stock, '/auth')).json;
    expect(expected).toMatchObject({ plain: { isAuthenticated: false, userId: null, tokenType: 'session_token' }, has: [false, false], token: null });
    // The first request is Clerk's own work; the later ones reuse it.
    for (let i = 0; i < 3; i += 1) expect((await send(shortcut, '/auth')).json).toEqual(expected);
  });

  it('is answered without asking Clerk, after the first', async () => {
    const { client, calls } = countedClient();
    const baseUrl = await authEcho(client);
    await send(baseUrl, '/auth');
    expect(calls).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i += 1) await send(baseUrl, '/auth', { headers: { Cookie: '__session=anything', 'X-Clerk-Auth-Token': 'x' } });
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('builds its auth object once: every getAuth of every request without a token answers the same object', async () => {
    const app = express();
    app.use(authenticate(countedClient().client, options));
    const seen: unknown[] = [];
    app.get('/auth', (req, res) => {
      seen.push(getAuth(req), getAuth(req));
      res.end();
    });
    const server = await listen(app);
    servers.push(server);
    for (let i = 0; i < 3; i += 1) await send(server.baseUrl, '/auth');
    expect(new Set(seen.slice(2)).size).toBe(1);
  });

  it('does not change how a request with a token is authenticated, signed in or refused', async () => {
    const { client, calls } = countedClient();
    const baseUrl = await authEcho(client);
    await send(baseUrl, '/auth');
    const signedIn = await send(baseUrl, '/auth', { headers: bearer(auth.token()) });
    expect(signedIn.json).toMatchObject({ plain: { isAuthenticated: true, userId: 'user_test_ada' } });
    const refused = await send(baseUrl, '/auth', { headers: bearer(createAuthFixtures().token()) });
    expect(refused.json).toMatchObject({ plain: { isAuthenticated: false } });
    const empty = await send(baseUrl, '/auth', { headers: { Authorization: '' } });
    expect(empty.json).toMatchObject({ plain: { isAuthenticated: false } });
    expect(calls).toHaveBeenCalledTimes(4);
  });
});
