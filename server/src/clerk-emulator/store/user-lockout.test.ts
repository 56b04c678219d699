/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { createClerkClient } from '@clerk/express';
import { LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { publishableKeyFor } from '../../common/local-keys.ts';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

const MINUTE = 60_000;
let clock = Date.UTC(2026, 0, 1);
const lockout = { enabled: true, max_attempts: 3, duration_in_minutes: 10 };
const server = useSeededEmulator({ now: () => clock, userLockout: lockout });
let browser: FapiBrowser;

beforeEach(async () => {
  clock = Date.UTC(2026, 0, 1);
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

async function tryPassword(password: string) {
  const created = await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com' });
  return browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, { strategy: 'password', password });
}

function backendUser() {
  const clerk = createClerkClient({
    secretKey: server.keys.secretKey,
    apiUrl: server.url,
    publishableKey: publishableKeyFor(server.url),
    telemetry: { disabled: true },
  });
  return clerk.users.getUser(server.store.userByEmail('member@example.com')!.id);
}

describe("Clerk's user lockout", () => {
  it("shows the environment's user_lockout to clerk-js", async () => {
    const environment = await browser.call('GET', '/environment');
    const body = environment.body as unknown as { user_settings: { attack_protection: { user_lockout: unknown } } };
    expect(body.user_settings.attack_protection.user_lockout).toEqual(lockout);
  });

  it('locks the user on the max_attempts-th wrong password, with user_locked and the seconds left', async () => {
    expect((await tryPassword('wrong-1')).body.errors[0]!.code).toBe('form_password_incorrect');
    expect((await tryPassword('wrong-2')).body.errors[0]!.code).toBe('form_password_incorrect');
    const third = await tryPassword('wrong-3');
    expect(third.status).toBe(403);
    expect(third.body.errors[0]).toMatchObject({ code: 'user_locked', meta: { lockout_expires_in_seconds: 600 } });
  });

  it('refuses even the right password while locked, and shows the lock in the Backend API', async () => {
    for (const n of [1, 2, 3]) await tryPassword(`wrong-${n}`);
    clock += 4 * MINUTE;
    const right = await tryPassword(LOCAL_SEED_PASSWORD);
    expect(right.status).toBe(403);
    expect(right.body.errors[0]).toMatchObject({ code: 'user_locked', meta: { lockout_expires_in_seconds: 360 } });
    const user = await backendUser();
    expect(user.locked).toBe(true);
    expect(user.raw?.lockout_expires_in_seconds).toBe(360);
    expect(user.raw?.verification_attempts_remaining).toBe(0);
  });

  it('lets the user in again once the lockout is over', async () => {
    for (const n of [1, 2, 3]) await tryPassword(`wrong-${n}`);
    clock += 10 * MINUTE;
    expect((await tryPassword(LOCAL_SEED_PASSWORD)).body.response.status).toBe('complete');
    expect((await backendUser()).locked).toBe(false);
  });

  it('counts wrong email codes too, and a sign-in that succeeds starts the count again', async () => {
    await tryPassword('wrong-1');
    await tryPassword('wrong-2');
    expect((await tryPassword(LOCAL_SEED_PASSWORD)).body.response.status).toBe('complete');
    expect((await backendUser()).raw?.verification_attempts_remaining).toBe(3);
    await tryPassword('wrong-1');
    const created = await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com' });
    const id = created.body.response.id as string;
    await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    expect((await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code: '000000' })).status).toBe(422);
    const locked = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code: '000001' });
    expect(locked.body.errors[0]!.code).toBe('user_locked');
  });

  it('locks no one when the environment turns it off', async () => {
    await server.restart({ now: () => clock, userLockout: { ...lockout, enabled: false } });
    for (const n of [1, 2, 3, 4]) expect((await tryPassword(`wrong-${n}`)).body.errors[0]!.code).toBe('form_password_incorrect');
    expect((await tryPassword(LOCAL_SEED_PASSWORD)).body.response.status).toBe('complete');
  });
});
