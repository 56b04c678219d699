/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { Secret, TOTP, URI } from 'otpauth';
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/**
 * Two-step verification as `<UserProfile>` sets it up and `<SignIn>` asks for
 * it: a real RFC 6238 secret, codes computed from it here as an authenticator
 * app would, and backup codes that each work once.
 */
const server = useSeededEmulator();
let browser: FapiBrowser;
const member = localAccount('member');

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

const codeAt = (secret: string, timestamp: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });

/** Signs the member in, sets up TOTP with the current code; returns the secret and the backup codes. */
async function enableTotp(): Promise<{ secret: string; backupCodes: string[] }> {
  await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
  const created = await browser.call('POST', '/me/totp');
  expect(created.status).toBe(200);
  const secret = created.body.response.secret as string;
  const verified = await browser.call('POST', '/me/totp/attempt_verification', { code: codeAt(secret, Date.now()) });
  expect(verified.status).toBe(200);
  return { secret, backupCodes: verified.body.response.backup_codes as string[] };
}

async function firstFactor(other: FapiBrowser) {
  const created = await other.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
  const id = created.body.response.id as string;
  const answer = await other.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'password', password: LOCAL_SEED_PASSWORD });
  return { id, answer };
}

async function newBrowser(): Promise<FapiBrowser> {
  const other = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await other.start();
  return other;
}

describe('TOTP set-up', () => {
  it('offers the authenticator app and backup codes as second factors in the environment', async () => {
    const environment = (await browser.call('GET', '/environment')).body as unknown as { user_settings: { attributes: Record<string, unknown> } };
    expect(environment.user_settings.attributes.authenticator_app).toMatchObject({
      enabled: true,
      used_for_second_factor: true,
      second_factors: ['totp'],
    });
    expect(environment.user_settings.attributes.backup_code).toMatchObject({ enabled: true, second_factors: ['backup_code'] });
  });

  it('answers a base32 secret and an otpauth URI an authenticator app can scan', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await browser.call('POST', '/me/totp');
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({ object: 'totp', verified: false, secret: expect.stringMatching(/^[A-Z2-7]{32}$/) });
    const parsed = URI.parse(answer.body.response.uri as string) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.secret.base32).toBe(answer.body.response.secret);
    expect(parsed.label).toBe(member.emailAddress);
    expect([parsed.algorithm, parsed.digits, parsed.period]).toEqual(['SHA1', 6, 30]);
  });

  it('refuses a wrong code and keeps two-step verification off', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    await browser.call('POST', '/me/totp');
    const wrong = await browser.call('POST', '/me/totp/attempt_verification', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } });
    expect((await browser.call('GET', '/me')).body.response).toMatchObject({ two_factor_enabled: false, totp_enabled: false });
  });

  it('turns two-step verification on with a code from the secret, and answers ten backup codes', async () => {
    const { backupCodes } = await enableTotp();
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    const me = (await browser.call('GET', '/me')).body.response;
    expect(me).toMatchObject({ two_factor_enabled: true, totp_enabled: true, backup_code_enabled: true, mfa_disabled_at: null });
    expect(me.mfa_enabled_at).toBeGreaterThan(Date.now() - 10_000);
    expect((await browser.call('POST', '/me/totp')).status).toBe(400);
  });

  it('regenerates backup codes, and the old ones stop working', async () => {
    const { backupCodes } = await enableTotp();
    const fresh = await browser.call('POST', '/me/backup_codes/');
    expect(fresh.status).toBe(200);
    expect(fresh.body.response).toMatchObject({ object: 'backup_code', codes: expect.any(Array) });
    const other = await newBrowser();
    const { id } = await firstFactor(other);
    expect(
      (await other.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'backup_code', code: backupCodes[0]! })).status,
    ).toBe(422);
    const done = await other.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, {
      strategy: 'backup_code',
      code: fresh.body.response.codes[0],
    });
    expect(done.body.response.status).toBe('complete');
  });

  it('removes TOTP and the backup codes with it, recording when', async () => {
    await enableTotp();
    const removed = await browser.call('DELETE', '/me/totp');
    expect(removed.status).toBe(200);
    expect(removed.body.response).toMatchObject({ object: 'totp', deleted: true });
    const me = (await browser.call('GET', '/me')).body.response;
    expect(me).toMatchObject({ two_factor_enabled: false, totp_enabled: false, backup_code_enabled: false });
    expect(me.mfa_disabled_at).toBeGreaterThan(Date.now() - 10_000);
    expect((await browser.call('DELETE', '/me/totp')).status).toBe(404);
    expect((await browser.call('POST', '/me/backup_codes')).status).toBe(400);
  });

  it('refuses an unknown parameter beside the code', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    await browser.call('POST', '/me/totp');
    const answer = await browser.call('POST', '/me/totp/attempt_verification', { code: '123456', secret: 'AAAA' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]!.code).toBe('form_param_unknown');
  });
});

describe('a sign-in with a second factor', () => {
  it('answers needs_second_factor after the password, with no session yet', async () => {
    await enableTotp();
    const other = await newBrowser();
    const { answer } = await firstFactor(other);
    expect(answer.body.response).toMatchObject({
      status: 'needs_second_factor',
      supported_second_factors: [{ strategy: 'totp' }, { strategy: 'backup_code' }],
      first_factor_verification: { status: 'verified' },
      created_session_id: null,
    });
    expect(answer.body.client!.sessions).toEqual([]);
  });

  it('completes with the next TOTP code, and refuses the same code twice', async () => {
    const { secret } = await enableTotp();
    const other = await newBrowser();
    const { id } = await firstFactor(other);
    // The set-up used this step's code: a second use is refused, the next step's code is accepted (one step of drift).
    const used = await other.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'totp', code: codeAt(secret, Date.now()) });
    expect(used.status).toBe(422);
    expect(used.body.errors[0]!.code).toBe('form_code_incorrect');
    const next = codeAt(secret, Date.now() + 30_000);
    const done = await other.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'totp', code: next });
    expect(done.body.response).toMatchObject({ status: 'complete', second_factor_verification: { strategy: 'totp', status: 'verified' } });
    expect(done.body.client!.sessions).toHaveLength(1);
  });

  it('accepts each backup code once', async () => {
    const { backupCodes } = await enableTotp();
    const first = await newBrowser();
    const { id } = await firstFactor(first);
    const done = await first.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'backup_code', code: backupCodes[3]! });
    expect(done.body.response.status).toBe('complete');
    const second = await newBrowser();
    const again = await firstFactor(second);
    const reused = await second.call('POST', `/client/sign_ins/${again.id}/attempt_second_factor`, {
      strategy: 'backup_code',
      code: backupCodes[3]!,
    });
    expect(reused.status).toBe(422);
  });

  it('does not let the first factor be repeated to skip the second', async () => {
    await enableTotp();
    const other = await newBrowser();
    const { id } = await firstFactor(other);
    const repeated = await other.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'password', password: LOCAL_SEED_PASSWORD });
    expect(repeated.body.response).toMatchObject({ status: 'needs_second_factor', created_session_id: null });
  });

  it('refuses a second factor the user has not set up, and one on a sign-in that needs none', async () => {
    const other = await newBrowser();
    const { id, answer } = await firstFactor(other);
    expect(answer.body.response.status).toBe('complete');
    expect((await other.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'totp', code: '123456' })).status).toBe(400);
    const unknown = await other.call('POST', `/client/sign_ins/${id}/attempt_second_factor`, { strategy: 'phone_code', code: '123456' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]!.code).toBe('strategy_for_user_invalid');
  });
});
