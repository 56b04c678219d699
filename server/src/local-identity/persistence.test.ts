import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyToken } from '@clerk/express';
import {
  AuthenticatedResponseSchema,
  ClientResponseSchema,
  FRONTEND_API_PATHS,
  TokenResponseSchema,
} from '#shared/local-identity-protocol';
import { openIdentityStore, SEED_PASSWORD } from './seed.ts';
import { STORE_FILE } from './store.ts';
import { makeTempDataDir, startIdentityTestServer, TEST_SPA_ORIGIN, type IdentityTestServer } from './test-server.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(dataDir: string): Promise<IdentityTestServer> {
  const server = await startIdentityTestServer(dataDir);
  cleanups.push(() => server.close());
  return server;
}

function post(server: IdentityTestServer, path: string, token: string | null, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      origin: TEST_SPA_ORIGIN,
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body ?? {}),
  });
}

describe('the data folder', () => {
  it('keeps users, sessions and keys across a restart, so a browser stays signed in', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const first = await start(temp.dataDir);
    const signUp = { emailAddress: 'persist@example.com', password: 'persisted-password', firstName: 'Per', lastName: 'Sist' };
    const signedIn = AuthenticatedResponseSchema.parse(await (await post(first, FRONTEND_API_PATHS.signUps, null, signUp)).json());
    await first.close();

    const second = await start(temp.dataDir);
    expect(second.keys).toEqual(first.keys);
    const client = await fetch(`${second.url}${FRONTEND_API_PATHS.client}`, { headers: { authorization: `Bearer ${signedIn.clientToken}` } });
    const restored = ClientResponseSchema.parse(await client.json()).client;
    expect(restored?.sessions.map((session) => session.id)).toEqual([signedIn.createdSessionId]);
    expect(restored?.sessions[0]?.user.firstName).toBe('Per');

    const minted = await post(second, FRONTEND_API_PATHS.sessionTokens(signedIn.createdSessionId), signedIn.clientToken);
    const { jwt } = TokenResponseSchema.parse(await minted.json());
    // The API verifies with the key it read before the restart.
    const claims = await verifyToken(jwt, { jwtKey: first.keys.publicKeyPem, authorizedParties: [TEST_SPA_ORIGIN] });
    expect(claims.sid).toBe(signedIn.createdSessionId);
  });

  it('keeps a signed-out session signed out across a restart', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const first = await start(temp.dataDir);
    const body = { identifier: 'member@example.com', password: SEED_PASSWORD };
    const signedIn = AuthenticatedResponseSchema.parse(await (await post(first, FRONTEND_API_PATHS.signIns, null, body)).json());
    await post(first, FRONTEND_API_PATHS.sessionEnd(signedIn.createdSessionId), signedIn.clientToken);
    await first.close();

    const second = await start(temp.dataDir);
    const minted = await post(second, FRONTEND_API_PATHS.sessionTokens(signedIn.createdSessionId), signedIn.clientToken);
    expect(minted.status).toBe(401);
  });

  it('stores only a hash of client tokens and leaves no temporary files behind', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const server = await start(temp.dataDir);
    const body = { identifier: 'member@example.com', password: SEED_PASSWORD };
    const signedIn = AuthenticatedResponseSchema.parse(await (await post(server, FRONTEND_API_PATHS.signIns, null, body)).json());
    const files = readdirSync(temp.dataDir).sort();
    expect(files).toEqual(['keys.json', STORE_FILE]);
    const text = readFileSync(join(temp.dataDir, STORE_FILE), 'utf8');
    expect(text).not.toContain(signedIn.clientToken);
    expect(text).not.toContain(SEED_PASSWORD);
  });

  it('refuses to start over a damaged store instead of reseeding it', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    writeFileSync(join(temp.dataDir, STORE_FILE), '{"version": 1, "users": "oops"}');
    await expect(openIdentityStore(temp.dataDir)).rejects.toThrow(/not valid.*delete it to reseed/);
  });
});
