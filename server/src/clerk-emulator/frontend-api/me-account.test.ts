/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_SEED_PASSWORD, LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { deleteUser } from '../store/deletions.ts';

/**
 * `<UserProfile>`'s account pages as clerk-js calls them: email addresses
 * (add, code, verify, primary, remove) and the password (change, remove),
 * each stored and kept across a restart.
 */
const server = useSeededEmulator();
const [admin, , member] = LOCAL_ACCOUNTS;
let browser: FapiBrowser;

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
});

const me = async () => (await browser.call('GET', '/me')).body.response;
const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');

describe('email addresses', () => {
  it('adds an address, verifies it with the emailed code, makes it primary and removes the old one, across a restart', async () => {
    const added = await browser.call('POST', '/me/email_addresses', { email_address: 'Alan.Second@Example.com' });
    expect(added.status).toBe(200);
    const address = added.body.response;
    expect(address).toMatchObject({ object: 'email_address', email_address: 'alan.second@example.com', verification: null });
    expect(added.body.client!.sessions[0].user.email_addresses).toHaveLength(2);
    const listed = await browser.call<{ id: string }[]>('GET', '/me/email_addresses');
    expect(listed.body.map((listedAddress) => listedAddress.id)).toEqual([expect.stringMatching(/^idn_/), address.id]);

    const prepared = await browser.call('POST', `/me/email_addresses/${address.id}/prepare_verification`, { strategy: 'email_code' });
    expect(prepared.body.response.verification).toMatchObject({ status: 'unverified', strategy: 'email_code', attempts: 0 });
    const [sent] = server.inbox.messages('alan.second@example.com');
    expect(sent).toMatchObject({ kind: 'verification_code', code: expect.stringMatching(/^\d{6}$/) });

    // A restart between the code and its use: the code still works.
    await server.restart();
    const wrong = await browser.call('POST', `/me/email_addresses/${address.id}/attempt_verification`, { code: wrongFor(sent!.code!) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } });
    const verified = await browser.call('POST', `/me/email_addresses/${address.id}/attempt_verification`, { code: sent!.code! });
    expect(verified.body.response.verification).toMatchObject({ status: 'verified', strategy: 'email_code' });

    const primary = await browser.call('PATCH', '/me', { primary_email_address_id: address.id });
    expect(primary.body.response.primary_email_address_id).toBe(address.id);
    const old = primary.body.response.email_addresses.find((a: { email_address: string }) => a.email_address === member.emailAddress);
    const removed = await browser.call('DELETE', `/me/email_addresses/${old.id}`);
    expect(removed.body.response).toEqual({ object: 'email_address', id: old.id, deleted: true });

    await server.restart();
    const user = await me();
    expect(user.email_addresses.map((a: { email_address: string }) => a.email_address)).toEqual(['alan.second@example.com']);
    expect(user.primary_email_address_id).toBe(address.id);
    // The new address now identifies the user at sign-in; the old one no longer does.
    const again = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await again.start();
    await expect(again.signIn('alan.second@example.com', LOCAL_SEED_PASSWORD)).resolves.toMatch(/^sess_/);
    await expect(again.signIn(member.emailAddress, LOCAL_SEED_PASSWORD)).rejects.toThrow(/422/);
  });

  it('sends 424242 to a +clerk_test address', async () => {
    const address = (await browser.call('POST', '/me/email_addresses', { email_address: 'alan+clerk_test@example.com' })).body.response;
    await browser.call('POST', `/me/email_addresses/${address.id}/prepare_verification`, { strategy: 'email_code' });
    const verified = await browser.call('POST', `/me/email_addresses/${address.id}/attempt_verification`, { code: LOCAL_VERIFICATION_CODE });
    expect(verified.body.response.verification.status).toBe('verified');
  });

  it('refuses a taken or malformed address, and an unverified one as primary', async () => {
    const taken = await browser.call('POST', '/me/email_addresses', { email_address: admin.emailAddress });
    expect(taken.status).toBe(422);
    expect(taken.body.errors[0]).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'email_address' } });
    const malformed = await browser.call('POST', '/me/email_addresses', { email_address: 'not-an-email' });
    expect(malformed.body.errors[0]).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'email_address' } });

    const address = (await browser.call('POST', '/me/email_addresses', { email_address: 'unverified@example.com' })).body.response;
    const primary = await browser.call('PATCH', '/me', { primary_email_address_id: address.id });
    expect(primary.status).toBe(422);
    expect(primary.body.errors[0]).toMatchObject({ code: 'form_identification_not_verified', meta: { param_name: 'primary_email_address_id' } });
    // An unverified address identifies nobody at sign-in.
    const signIn = await browser.call('POST', '/client/sign_ins', { identifier: 'unverified@example.com' });
    expect(signIn.body.errors[0]!.code).toBe('form_identifier_not_found');
  });

  it('refuses to remove the primary address, and another user’s', async () => {
    const user = await me();
    const primary = await browser.call('DELETE', `/me/email_addresses/${user.primary_email_address_id}`);
    expect(primary.status).toBe(400);
    const adminAddress = server.store.userByEmail(admin.emailAddress)!.primaryEmailAddressId;
    expect((await browser.call('DELETE', `/me/email_addresses/${adminAddress}`)).status).toBe(404);
  });

  it('fails the verification after three wrong codes; a new code then verifies', async () => {
    const address = (await browser.call('POST', '/me/email_addresses', { email_address: 'third@example.com' })).body.response;
    const attempt = (code: string) => browser.call('POST', `/me/email_addresses/${address.id}/attempt_verification`, { code });
    expect((await attempt('123456')).body.errors[0]!.code).toBe('verification_not_sent');
    await browser.call('POST', `/me/email_addresses/${address.id}/prepare_verification`, { strategy: 'email_code' });
    const first = server.inbox.messages('third@example.com')[0]!.code!;
    const codes = [];
    for (const given of [wrongFor(first), wrongFor(first), wrongFor(first), first]) codes.push((await attempt(given)).body.errors[0]!.code);
    expect(codes).toEqual(['form_code_incorrect', 'form_code_incorrect', 'verification_failed', 'verification_failed']);
    expect((await browser.call('GET', `/me/email_addresses/${address.id}`)).body.response.verification.status).toBe('failed');
    await browser.call('POST', `/me/email_addresses/${address.id}/prepare_verification`, { strategy: 'email_code' });
    const second = server.inbox.messages('third@example.com')[0]!.code!;
    expect((await attempt(second)).body.response.verification.status).toBe('verified');
  });
});

it('forgets a pending code with its user', async () => {
  const address = (await browser.call('POST', '/me/email_addresses', { email_address: 'pending@example.com' })).body.response;
  await browser.call('POST', `/me/email_addresses/${address.id}/prepare_verification`, { strategy: 'email_code' });
  expect(server.store.data.emailCodes.map((code) => code.emailAddressId)).toEqual([address.id]);
  deleteUser(server.store, server.store.userByEmail(member.emailAddress)!.id);
  expect(server.store.data.emailCodes).toEqual([]);
});

describe('password', () => {
  it('changes the password with the current one, signing out the other devices when asked', async () => {
    const elsewhere = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await elsewhere.start();
    const otherSession = await elsewhere.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);

    const wrong = await browser.call('POST', '/me/change_password', { current_password: 'not-it-at-all', new_password: 'a-new-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_password_incorrect', meta: { param_name: 'current_password' } });
    const short = await browser.call('POST', '/me/change_password', { current_password: LOCAL_SEED_PASSWORD, new_password: 'short' });
    expect(short.body.errors[0]).toMatchObject({ code: 'form_password_length_too_short', meta: { param_name: 'new_password' } });

    const changed = await browser.call('POST', '/me/change_password', {
      current_password: LOCAL_SEED_PASSWORD,
      new_password: 'a-new-password',
      sign_out_of_other_sessions: 'true',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.response).toMatchObject({ object: 'user', password_enabled: true, password_last_updated_at: expect.any(Number) });
    expect(server.store.sessionById(otherSession)!.status).toBe('ended');
    expect(server.store.sessionById(browser.sessionId!)!.status).toBe('active');

    await server.restart();
    const again = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await again.start();
    await expect(again.signIn(member.emailAddress, 'a-new-password')).resolves.toMatch(/^sess_/);
  });

  it('removes the password, after which sign-in offers only the email code, and sets a new one without a current one', async () => {
    const removed = await browser.call('POST', '/me/remove_password', { current_password: LOCAL_SEED_PASSWORD });
    expect(removed.body.response.password_enabled).toBe(false);
    const signIn = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await signIn.start();
    const created = await signIn.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
    expect(created.body.response.supported_first_factors.map((f: { strategy: string }) => f.strategy)).toEqual(['email_code']);

    const set = await browser.call('POST', '/me/change_password', { new_password: 'a-first-password-again' });
    expect(set.body.response.password_enabled).toBe(true);
  });
});
