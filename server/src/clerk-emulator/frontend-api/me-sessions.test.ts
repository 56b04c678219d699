/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { parseUserAgent } from './session-activity.ts';

/** `<UserProfile>`'s active devices: the user's sessions on every browser, and signing another one out. */
const server = useSeededEmulator();
const member = localAccount('member');
const admin = localAccount('admin');
let laptop: FapiBrowser;
let phone: FapiBrowser;

beforeEach(async () => {
  laptop = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  phone = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await laptop.start();
  await phone.start();
});

describe('active sessions', () => {
  it("lists the user's sessions on every browser, with a token only for the caller's own", async () => {
    const own = await laptop.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const other = await phone.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const stranger = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await stranger.start();
    await stranger.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await laptop.call<{ id: string; last_active_token: unknown; latest_activity: unknown }[]>('GET', '/me/sessions/active');
    expect(answer.status).toBe(200);
    expect(answer.body.map((session) => session.id).sort()).toEqual([own, other].sort());
    const phoneSession = answer.body.find((session) => session.id === other)!;
    expect(phoneSession.last_active_token).toBeNull();
    expect(answer.body.find((session) => session.id === own)!.last_active_token).not.toBeNull();
    expect(phoneSession.latest_activity).toMatchObject({ object: 'session_activity', ip_address: '127.0.0.1', is_mobile: false });
  });

  it('revokes another browser’s session, which finds itself signed out at its next call', async () => {
    await laptop.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const other = await phone.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const revoked = await laptop.call('POST', `/me/sessions/${other}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.response).toMatchObject({ id: other, status: 'revoked' });
    const client = await phone.call('GET', '/client');
    expect(client.body.response.sessions).toEqual([]);
    const token = await phone.call('POST', `/client/sessions/${other}/tokens`, {});
    expect(token.status).toBe(401);
    expect(token.body.errors[0]!.code).toBe('session_revoked');
    expect((await laptop.call<unknown[]>('GET', '/me/sessions/active')).body).toHaveLength(1);
  });

  it("refuses to revoke another user's session with 404", async () => {
    await laptop.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const theirs = await phone.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await laptop.call('POST', `/me/sessions/${theirs}/revoke`);
    expect(answer.status).toBe(404);
    expect((await phone.call('GET', '/client')).body.response.sessions).toHaveLength(1);
  });
});

describe('parseUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
      { browserName: 'Chrome', browserVersion: '141.0.0.0', deviceType: 'Linux', isMobile: false },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      { browserName: 'Safari', browserVersion: '18.0', deviceType: 'iPhone', isMobile: true },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      { browserName: 'Edge', browserVersion: '140.0.0.0', deviceType: 'Windows', isMobile: false },
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:131.0) Gecko/20100101 Firefox/131.0', { browserName: 'Firefox', deviceType: 'Macintosh' }],
    ['curl/8.0', { browserName: 'Unknown browser', deviceType: 'Unknown device', isMobile: false }],
  ])('reads %s', (userAgent, expected) => {
    expect(parseUserAgent(userAgent)).toMatchObject(expected);
  });
});
