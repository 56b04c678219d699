import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { SIGNED_OUT_CLIENT_IDLE_MS, UNUSED_CLIENT_IDLE_MS } from './client-expiry.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let clock = Date.UTC(2026, 0, 1);
const server = useSeededEmulator({ now: () => clock });

beforeEach(() => {
  clock = Date.UTC(2026, 0, 1);
});

async function newBrowser() {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  return browser;
}

async function clientStatus(browser: Awaited<ReturnType<typeof newBrowser>>) {
  const answer = await browser.call('GET', '/client');
  return answer.status === 200 ? 'kept' : answer.body.errors[0]?.code;
}

describe('clients that are never used', () => {
  it('lets a dev browser that never signed in go after a day without a call', async () => {
    const unused = await newBrowser();
    clock += UNUSED_CLIENT_IDLE_MS + HOUR;
    await newBrowser();
    expect(await clientStatus(unused)).toBe('dev_browser_unauthenticated');
    expect(server.store.data.clients).toHaveLength(1);
  });

  it('keeps a dev browser that called within the day', async () => {
    const used = await newBrowser();
    clock += UNUSED_CLIENT_IDLE_MS - HOUR;
    expect(await clientStatus(used)).toBe('kept');
    clock += 2 * HOUR;
    await newBrowser();
    expect(await clientStatus(used)).toBe('kept');
  });

  it('keeps the store small: a hundred abandoned dev browsers leave nothing behind a day later', async () => {
    for (let n = 0; n < 100; n++) await newBrowser();
    expect(server.store.data.clients).toHaveLength(100);
    clock += UNUSED_CLIENT_IDLE_MS + 1;
    await newBrowser();
    expect(server.store.data.clients).toHaveLength(1);
  });

  it('keeps a signed-in browser however long it is idle, while its session lasts', async () => {
    const signedIn = await newBrowser();
    const sessionId = await signedIn.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    clock += 6 * DAY;
    await newBrowser();
    expect(server.store.sessionById(sessionId)?.status).toBe('active');
    expect(await clientStatus(signedIn)).toBe('kept');
  });

  it('lets a signed-out browser and its sessions go after 30 days without a call', async () => {
    const browser = await newBrowser();
    const sessionId = await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    await browser.call('POST', `/client/sessions/${sessionId}/end`);
    clock += SIGNED_OUT_CLIENT_IDLE_MS - HOUR;
    await newBrowser();
    expect(server.store.sessionById(sessionId)).toBeDefined();
    clock += 2 * HOUR;
    await newBrowser();
    expect(server.store.sessionById(sessionId)).toBeUndefined();
    expect(await clientStatus(browser)).toBe('dev_browser_unauthenticated');
  });

  it('lets them go at start too, from a store a long-stopped emulator left', async () => {
    await newBrowser();
    clock += UNUSED_CLIENT_IDLE_MS + 1;
    await server.restart({ now: () => clock });
    expect(server.store.data.clients).toEqual([]);
  });
});
