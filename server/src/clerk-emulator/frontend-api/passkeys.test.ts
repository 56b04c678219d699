/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { assertPasskey, createPasskey, otherKey, type SoftwarePasskey } from '../../testing/software-authenticator.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/**
 * Passkeys as `<UserProfile>` adds them and `<SignIn>` uses them, with a
 * software authenticator (testing/software-authenticator.ts) standing in for
 * the browser's: real ES256 keys and signatures, verified by the emulator.
 */
const server = useSeededEmulator({ passkeys: true });
let browser: FapiBrowser;
const member = localAccount('member');
const admin = localAccount('admin');

async function newBrowser(): Promise<FapiBrowser> {
  const other = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await other.start();
  return other;
}

beforeEach(async () => {
  browser = await newBrowser();
});

/** Signs `on` (the test's browser unless given) in as the account and adds a passkey; answers it and its id. */
async function addPasskey(account = member, on = browser): Promise<{ passkey: SoftwarePasskey; id: string }> {
  await on.signIn(account.emailAddress, LOCAL_SEED_PASSWORD);
  const created = await on.call('POST', '/me/passkeys');
  expect(created.status).toBe(200);
  const { credential, passkey } = createPasskey(created.body.response.verification.nonce, TEST_SPA_ORIGIN);
  const id = created.body.response.id as string;
  const verified = await on.call('POST', `/me/passkeys/${id}/attempt_verification`, { strategy: 'passkey', public_key_credential: credential });
  expect(verified.status).toBe(200);
  return { passkey, id };
}

/** "Use passkey" on `<SignIn>`: a sign-in with no identifier, answered by the authenticator. */
async function signInWithPasskey(other: FapiBrowser, passkey: SoftwarePasskey, signWith?: Parameters<typeof assertPasskey>[3]) {
  const created = await other.call('POST', '/client/sign_ins', { strategy: 'passkey' });
  expect(created.status).toBe(200);
  const { id, first_factor_verification: verification } = created.body.response;
  const credential = assertPasskey(passkey, verification.nonce, TEST_SPA_ORIGIN, signWith);
  return other.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'passkey', public_key_credential: credential });
}

describe('adding a passkey in <UserProfile>', () => {
  it('offers passkeys in the environment: the attribute, the sign-in button and autofill', async () => {
    const environment = (await browser.call('GET', '/environment')).body as unknown as {
      user_settings: { attributes: Record<string, unknown>; passkey_settings: unknown };
    };
    expect(environment.user_settings.attributes.passkey).toMatchObject({ enabled: true, used_for_first_factor: true });
    expect(environment.user_settings.passkey_settings).toMatchObject({ allow_autofill: true, show_sign_in_button: true });
  });

  it('answers creation options for the page’s host, with the user as the user handle, then stores the verified passkey', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const created = await browser.call('POST', '/me/passkeys');
    expect(created.body.response).toMatchObject({ object: 'passkey', verification: { status: 'unverified', strategy: 'passkey' } });
    const options = JSON.parse(created.body.response.verification.nonce);
    const user = server.store.userByEmail(member.emailAddress)!;
    expect(options.rp).toMatchObject({ id: 'localhost' });
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(user.id);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    const { credential } = createPasskey(created.body.response.verification.nonce, TEST_SPA_ORIGIN);
    const verified = await browser.call('POST', `/me/passkeys/${created.body.response.id}/attempt_verification`, {
      strategy: 'passkey',
      public_key_credential: credential,
    });
    expect(verified.body.response).toMatchObject({ id: created.body.response.id, verification: { status: 'verified' }, last_used_at: null });
    const me = (await browser.call('GET', '/me')).body.response;
    expect(me.passkeys).toEqual([expect.objectContaining({ id: created.body.response.id, name: expect.any(String) })]);
  });

  it('refuses a registration signed for another origin', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const created = await browser.call('POST', '/me/passkeys');
    const { credential } = createPasskey(created.body.response.verification.nonce, 'http://localhost:6666');
    const refused = await browser.call('POST', `/me/passkeys/${created.body.response.id}/attempt_verification`, {
      strategy: 'passkey',
      public_key_credential: credential,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'passkey_verification_failed', meta: { param_name: 'public_key_credential' } });
    expect((await browser.call('GET', '/me')).body.response.passkeys).toEqual([]);
  });

  it('renames and removes a passkey', async () => {
    const { id } = await addPasskey();
    const renamed = await browser.call('PATCH', `/me/passkeys/${id}`, { name: 'Work laptop' });
    expect(renamed.body.response).toMatchObject({ id, name: 'Work laptop' });
    const removed = await browser.call('DELETE', `/me/passkeys/${id}`);
    expect(removed.body.response).toEqual({ object: 'passkey', id, deleted: true });
    expect((await browser.call('GET', '/me')).body.response.passkeys).toEqual([]);
    expect((await browser.call('DELETE', `/me/passkeys/${id}`)).status).toBe(404);
  });
});

describe('signing in with a passkey', () => {
  it('signs the passkey’s user in with "Use passkey", no identifier asked, and records its use', async () => {
    const { passkey, id } = await addPasskey();
    const other = await newBrowser();
    const answer = await signInWithPasskey(other, passkey);
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({ status: 'complete', identifier: member.emailAddress, created_session_id: expect.any(String) });
    expect(answer.body.client!.sessions[0].user.passkeys[0]).toMatchObject({ id, last_used_at: expect.any(Number) });
  });

  it('offers the passkey as a first factor after the email address, asking only for that user’s passkeys', async () => {
    const { passkey } = await addPasskey();
    const other = await newBrowser();
    const created = await other.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
    expect(created.body.response.supported_first_factors).toContainEqual({ strategy: 'passkey' });
    const id = created.body.response.id as string;
    const prepared = await other.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'passkey' });
    const options = JSON.parse(prepared.body.response.first_factor_verification.nonce);
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: passkey.credentialId.toString('base64url') })]);
    const credential = assertPasskey(passkey, prepared.body.response.first_factor_verification.nonce, TEST_SPA_ORIGIN);
    const answer = await other.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'passkey',
      public_key_credential: credential,
    });
    expect(answer.body.response).toMatchObject({ status: 'complete' });
  });

  it('refuses an assertion with a wrong signature', async () => {
    const { passkey } = await addPasskey();
    const other = await newBrowser();
    const answer = await signInWithPasskey(other, passkey, otherKey());
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code: 'passkey_verification_failed' });
    expect((await other.call('GET', '/client')).body.response.sessions).toEqual([]);
  });

  it('refuses a removed passkey', async () => {
    const { passkey, id } = await addPasskey();
    await browser.call('DELETE', `/me/passkeys/${id}`);
    const answer = await signInWithPasskey(await newBrowser(), passkey);
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code: 'passkey_verification_failed' });
  });

  it('refuses one user’s passkey for another user’s sign-in', async () => {
    const { passkey } = await addPasskey();
    await addPasskey(admin, await newBrowser());
    const other = await newBrowser();
    const created = await other.call('POST', '/client/sign_ins', { identifier: admin.emailAddress });
    const id = created.body.response.id as string;
    const prepared = await other.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'passkey' });
    const credential = assertPasskey(passkey, prepared.body.response.first_factor_verification.nonce, TEST_SPA_ORIGIN);
    const answer = await other.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'passkey',
      public_key_credential: credential,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code: 'passkey_verification_failed' });
  });

  it('removes the passkeys with their user', async () => {
    await addPasskey();
    const user = server.store.userByEmail(member.emailAddress)!;
    expect(user.passkeys).toHaveLength(1);
    expect((await browser.call('DELETE', '/me')).status).toBe(200);
    expect(server.store.data.users.some((candidate) => candidate.passkeys?.length)).toBe(false);
  });
});

describe('with passkeys turned off', () => {
  const off = useSeededEmulator({ passkeys: false });

  it('refuses adding one and signing in with one', async () => {
    const other = fapiBrowser(() => off.url, TEST_SPA_ORIGIN);
    await other.start();
    expect((await other.call('POST', '/client/sign_ins', { strategy: 'passkey' })).body.errors[0]).toMatchObject({
      code: 'strategy_for_user_invalid',
    });
    await other.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    expect((await other.call('POST', '/me/passkeys')).status).toBe(403);
  });
});
