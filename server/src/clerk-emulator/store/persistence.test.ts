import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyToken } from '@clerk/express';
import { LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { openEmulatorStore } from './seed.ts';
import { STORE_FILE } from './store-file.ts';
import { makeTempDataDir, startTestEmulator, TEST_SPA_ORIGIN, type TestEmulator } from '../../testing/test-emulator.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(dataDir: string): Promise<TestEmulator> {
  const server = await startTestEmulator(dataDir);
  cleanups.push(() => server.close());
  return server;
}

describe('the data folder', () => {
  it('keeps users, sessions and keys across a restart, so a browser stays signed in', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    let server = await start(temp.dataDir);
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const sessionId = await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    const firstKeys = server.keys;
    await server.close();

    server = await start(temp.dataDir);
    expect(server.keys).toEqual(firstKeys);
    const sessions = (await browser.call('GET', '/client')).body.response.sessions as Array<{ id: string; user: { first_name: string } }>;
    expect(sessions.map((session) => session.id)).toEqual([sessionId]);
    expect(sessions[0]?.user.first_name).toBe('Alan');

    const minted = await browser.call<{ jwt: string }>('POST', `/client/sessions/${sessionId}/tokens`, {});
    // The API verifies with the key it read before the restart.
    const claims = await verifyToken(minted.body.jwt, { jwtKey: firstKeys.publicKeyPem, authorizedParties: [TEST_SPA_ORIGIN] });
    expect(claims.sid).toBe(sessionId);
  });

  it('keeps a signed-out session signed out across a restart', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    let server = await start(temp.dataDir);
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const sessionId = await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    await browser.call('POST', `/client/sessions/${sessionId}/end`);
    await server.close();

    server = await start(temp.dataDir);
    expect((await browser.call('POST', `/client/sessions/${sessionId}/tokens`, {})).status).toBe(401);
  });

  it('stores only a hash of dev-browser ids and leaves no temporary files behind', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const server = await start(temp.dataDir);
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    await server.store.flush();
    const files = readdirSync(temp.dataDir).sort();
    expect(files).toEqual(['keys.json', STORE_FILE]);
    const text = readFileSync(join(temp.dataDir, STORE_FILE), 'utf8');
    expect(text).not.toContain(browser.devBrowser!);
    expect(text).not.toContain(LOCAL_SEED_PASSWORD);
  });

  it('refuses to start over a damaged store instead of reseeding it', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    writeFileSync(join(temp.dataDir, STORE_FILE), '{"version": 1, "users": "oops"}');
    await expect(openEmulatorStore(temp.dataDir)).rejects.toThrow(/not valid.*delete it to reseed/);
  });
});
