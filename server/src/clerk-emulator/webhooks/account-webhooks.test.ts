/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { assertPasskey, createPasskey } from '../../testing/software-authenticator.ts';
import { loadOrCreateWebhookSigningSecret } from '../../common/local-keys.ts';
import { copyDataDir, startTestEmulator, TEST_SPA_ORIGIN, useSeededTemplate, type TestEmulator } from '../../testing/test-emulator.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';

/**
 * The webhooks of `<UserProfile>`'s account pages: each change to the user
 * (an address added, verified, made primary, removed; the password changed or
 * reset, a passkey added, renamed or removed) is a `user.updated` with the user
 * as it now is; sending a code or using a passkey sends nothing. Every event is checked against Clerk's spec by the
 * test receiver.
 */
const templateDir = useSeededTemplate();
const member = LOCAL_ACCOUNTS[2];
let temp: ReturnType<typeof copyDataDir>;
let receiver: WebhookTestReceiver;
let server: TestEmulator;
const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);

beforeEach(async () => {
  temp = copyDataDir(templateDir());
  receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
  server = await startTestEmulator(temp.dataDir, { webhooks: { url: receiver.url, secret: receiver.secret, attemptTimeoutMs: 1_000 } });
  await browser.start();
  await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
});

afterEach(async () => {
  await server.close();
  await receiver.close();
  temp.remove();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('account webhooks', () => {
  it('sends user.updated for an address added, verified, made primary and removed, and none for the code', async () => {
    const address = (await browser.call('POST', '/me/email_addresses', { email_address: 'second@example.com' })).body.response;
    await browser.call('POST', `/me/email_addresses/${address.id}/prepare_verification`, { strategy: 'email_code' });
    const code = server.inbox.messages('second@example.com')[0]!.code!;
    await browser.call('POST', `/me/email_addresses/${address.id}/attempt_verification`, { code });
    const old = server.store.userByEmail(member.emailAddress)!.primaryEmailAddressId;
    await browser.call('PATCH', '/me', { primary_email_address_id: address.id });
    await browser.call('DELETE', `/me/email_addresses/${old}`);

    const events = (await receiver.waitForAccepted(4)).map((received) => received.event);
    await settle();
    expect(receiver.accepted.map((received) => received.event.type)).toEqual(['user.updated', 'user.updated', 'user.updated', 'user.updated']);
    const emails = (event: (typeof events)[number]) =>
      (event.data as { email_addresses: { email_address: string; verification: unknown }[] }).email_addresses;
    expect(emails(events[0]!).map((e) => e.email_address)).toEqual([member.emailAddress, 'second@example.com']);
    expect(emails(events[0]!)[1]!.verification).toBeNull();
    expect(emails(events[1]!)[1]!.verification).toMatchObject({ status: 'verified', strategy: 'email_code' });
    expect(events[2]!.data).toMatchObject({ primary_email_address_id: address.id });
    expect(emails(events[3]!).map((e) => e.email_address)).toEqual(['second@example.com']);
  });

  it('sends user.updated for a changed password, with its time and never the password', async () => {
    await browser.call('POST', '/me/change_password', { current_password: LOCAL_SEED_PASSWORD, new_password: 'a-new-password' });
    const [received] = await receiver.waitForAccepted(1);
    expect(received!.event).toMatchObject({ type: 'user.updated', data: { password_enabled: true, password_last_updated_at: expect.any(Number) } });
    expect(JSON.stringify(received!.event)).not.toMatch(/scrypt|a-new-password/);
  });

  it('sends user.updated for a passkey added, renamed and removed, and none for signing in with it', async () => {
    const created = (await browser.call('POST', '/me/passkeys')).body.response;
    const { credential, passkey } = createPasskey(created.verification.nonce, TEST_SPA_ORIGIN);
    await browser.call('POST', `/me/passkeys/${created.id}/attempt_verification`, { strategy: 'passkey', public_key_credential: credential });
    await receiver.waitForAccepted(1);
    const other = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await other.start();
    const signIn = (await other.call('POST', '/client/sign_ins', { strategy: 'passkey' })).body.response;
    const assertion = assertPasskey(passkey, signIn.first_factor_verification.nonce, TEST_SPA_ORIGIN);
    const used = await other.call('POST', `/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'passkey',
      public_key_credential: assertion,
    });
    expect(used.body.response.status).toBe('complete');
    await browser.call('PATCH', `/me/passkeys/${created.id}`, { name: 'Work laptop' });
    await browser.call('DELETE', `/me/passkeys/${created.id}`);

    const events = (await receiver.waitForAccepted(3)).map((received) => received.event);
    await settle();
    expect(receiver.accepted.map((received) => received.event.type)).toEqual(['user.updated', 'user.updated', 'user.updated']);
    const passkeys = (event: (typeof events)[number]) => (event.data as unknown as { passkeys: { id: string; name: string }[] }).passkeys;
    expect(passkeys(events[0]!)).toEqual([expect.objectContaining({ id: created.id })]);
    expect(passkeys(events[1]!)).toEqual([expect.objectContaining({ name: 'Work laptop' })]);
    expect(passkeys(events[2]!)).toEqual([]);
  });
});
