/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD, LOCAL_VERIFICATION_CODE, localAccount } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { loadOrCreateWebhookSigningSecret } from '../../common/local-keys.ts';
import { copyDataDir, startTestEmulator, TEST_SPA_ORIGIN, useSeededTemplate, type TestEmulator } from '../../testing/test-emulator.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';

/**
 * An email address identifies someone only once verified, as in Clerk: an address added in <UserProfile> and
 * left unverified blocks no one's sign-up and no one else's adding it; whoever verifies it first keeps it,
 * and the unverified copies on other accounts go, each with its `user.updated`.
 */
const templateDir = useSeededTemplate();
const SHARED = 'shared+clerk_test@example.com';
const member = localAccount('member');
const outsider = localAccount('outsider');
let temp: ReturnType<typeof copyDataDir>;
let receiver: WebhookTestReceiver;
let server: TestEmulator;

beforeEach(async () => {
  temp = copyDataDir(templateDir());
  receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
  server = await startTestEmulator(temp.dataDir, { webhooks: { url: receiver.url, secret: receiver.secret, attemptTimeoutMs: 1_000 } });
});

afterEach(async () => {
  await server.close();
  await receiver.close();
  temp.remove();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const addressesOf = (userId: string) => server.store.userById(userId)!.emailAddresses.map((address) => address.emailAddress);

async function signedIn(email: string): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  await browser.signIn(email, LOCAL_SEED_PASSWORD);
  return browser;
}

/** Adds the address to the signed-in user, unverified, with its code sent. */
async function addUnverified(browser: FapiBrowser, email: string): Promise<string> {
  const added = await browser.call('POST', '/me/email_addresses', { email_address: email });
  expect(added.status).toBe(200);
  const id = added.body.response.id as string;
  await browser.call('POST', `/me/email_addresses/${id}/prepare_verification`, { strategy: 'email_code' });
  return id;
}

describe('an unverified address', () => {
  it('does not block a sign-up with it; the sign-up takes it, and the other account loses its copy and its code', async () => {
    const owner = await signedIn(member.emailAddress);
    const addressId = await addUnverified(owner, SHARED);
    await receiver.waitForAccepted(1);

    const stranger = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await stranger.start();
    const created = await stranger.call('POST', '/client/sign_ups', { email_address: SHARED, password: 'a-long-password' });
    expect(created.status).toBe(200);
    const verified = await stranger.call('POST', `/client/sign_ups/${created.body.response.id}/attempt_verification`, {
      strategy: 'email_code',
      code: LOCAL_VERIFICATION_CODE,
    });
    expect(verified.body.response.status).toBe('complete');

    expect(addressesOf(member.id)).toEqual([member.emailAddress]);
    expect(server.store.emailCode(addressId)).toBeUndefined();
    expect(server.store.userByVerifiedEmail(SHARED)?.id).toBe(verified.body.response.created_user_id);
    const late = await owner.call('POST', `/me/email_addresses/${addressId}/attempt_verification`, { code: LOCAL_VERIFICATION_CODE });
    expect(late.status).toBe(404);

    const events = (await receiver.waitForAccepted(3)).map((received) => received.event);
    await settle();
    expect(receiver.accepted.map((received) => [received.event.type, received.event.data.id])).toEqual([
      ['user.updated', member.id],
      ['user.created', verified.body.response.created_user_id],
      ['user.updated', member.id],
    ]);
    expect((events[2]!.data as { email_addresses: { email_address: string }[] }).email_addresses.map((a) => a.email_address)).toEqual([
      member.emailAddress,
    ]);
  });

  it('can be added by another account too; the first to verify it keeps it and the other copy goes', async () => {
    const first = await signedIn(member.emailAddress);
    await addUnverified(first, SHARED);
    const second = await signedIn(outsider.emailAddress);
    const secondId = await addUnverified(second, SHARED);

    const verified = await second.call('POST', `/me/email_addresses/${secondId}/attempt_verification`, { code: LOCAL_VERIFICATION_CODE });
    expect(verified.body.response.verification).toMatchObject({ status: 'verified' });
    expect(addressesOf(outsider.id)).toEqual([outsider.emailAddress, SHARED]);
    expect(addressesOf(member.id)).toEqual([member.emailAddress]);

    await receiver.waitForAccepted(4);
    await settle();
    expect(receiver.accepted.map((received) => [received.event.type, received.event.data.id])).toEqual([
      ['user.updated', member.id],
      ['user.updated', outsider.id],
      // One change, the member's copy gone and the outsider's address verified: an event per user, in the store's order.
      ['user.updated', member.id],
      ['user.updated', outsider.id],
    ]);
  });

  it('is still refused where it is verified elsewhere or already on the account', async () => {
    const browser = await signedIn(member.emailAddress);
    const verifiedElsewhere = await browser.call('POST', '/me/email_addresses', { email_address: outsider.emailAddress });
    expect(verifiedElsewhere.body.errors[0]!).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'email_address' } });
    await addUnverified(browser, SHARED);
    const twice = await browser.call('POST', '/me/email_addresses', { email_address: SHARED });
    expect(twice.body.errors[0]!.code).toBe('form_identifier_exists');

    const signUp = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await signUp.start();
    const taken = await signUp.call('POST', '/client/sign_ups', { email_address: outsider.emailAddress });
    expect(taken.body.errors[0]!.code).toBe('form_identifier_exists');
  });

  it('does not block the Backend API creating a user with it, which takes it from the other account', async () => {
    await addUnverified(await signedIn(member.emailAddress), SHARED);
    const response = await fetch(`${server.url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: [SHARED], password: 'a-long-password' }),
    });
    expect(response.status).toBe(200);
    expect(addressesOf(member.id)).toEqual([member.emailAddress]);
  });
});
