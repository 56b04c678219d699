/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/** "Delete account" in `<UserProfile>`: the user, their memberships and their sessions on every browser. */
const server = useSeededEmulator();
const member = localAccount('member');
let laptop: FapiBrowser;
let phone: FapiBrowser;

beforeEach(async () => {
  laptop = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  phone = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await laptop.start();
  await phone.start();
});

describe('DELETE /v1/me', () => {
  it('is offered by the environment', async () => {
    const environment = (await laptop.call('GET', '/environment')).body as unknown as { user_settings: { actions: { delete_self: boolean } } };
    expect(environment.user_settings.actions.delete_self).toBe(true);
  });

  it('deletes the user with their memberships, and signs out every browser of theirs', async () => {
    const userId = server.store.userByEmail(member.emailAddress)!.id;
    expect(server.store.membershipsOfUser(userId).length).toBeGreaterThan(0);
    await laptop.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const other = await phone.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);

    const answer = await laptop.call('DELETE', '/me');
    expect(answer.status).toBe(200);
    expect(answer.body.response).toEqual({ object: 'user', id: userId, deleted: true });
    expect(answer.body.client!.sessions).toEqual([]);
    expect(server.store.userById(userId)).toBeUndefined();
    expect(server.store.membershipsOfUser(userId)).toEqual([]);

    expect((await phone.call('GET', '/client')).body.response.sessions).toEqual([]);
    expect((await phone.call('POST', `/client/sessions/${other}/tokens`, {})).status).toBe(404);
    const again = await laptop.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
    expect(again.body.errors[0]!.code).toBe('form_identifier_not_found');
  });

  it('answers 401 to a signed-out browser', async () => {
    const answer = await laptop.call('DELETE', '/me');
    expect(answer.status).toBe(401);
    expect(server.store.userByEmail(member.emailAddress)).toBeDefined();
  });
});
