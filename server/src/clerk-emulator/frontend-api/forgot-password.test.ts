/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/**
 * "Forgot password?" as `<SignIn>` runs it: the reset factor, a code from the
 * inbox, `needs_new_password`, then `reset_password`, which signs this browser
 * in and, when asked, every other device out.
 */
const server = useSeededEmulator();
const member = LOCAL_ACCOUNTS[2];
let browser: FapiBrowser;

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

async function startReset(): Promise<{ id: string; code: string }> {
  const created = await browser.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
  const factor = created.body.response.supported_first_factors.find((f: { strategy: string }) => f.strategy === 'reset_password_email_code');
  expect(factor).toMatchObject({ safe_identifier: member.emailAddress, primary: true });
  const id = created.body.response.id as string;
  const prepared = await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, {
    strategy: 'reset_password_email_code',
    email_address_id: factor.email_address_id,
  });
  expect(prepared.body.response.first_factor_verification).toMatchObject({ status: 'unverified', strategy: 'reset_password_email_code' });
  const [sent] = server.inbox.messages(member.emailAddress);
  expect(sent).toMatchObject({ kind: 'reset_password_code', subject: `${sent!.code} is your password reset code` });
  return { id, code: sent!.code! };
}

describe('forgot password', () => {
  it('resets the password with the emailed code, signs this browser in and the other devices out', async () => {
    const elsewhere = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await elsewhere.start();
    const otherSession = await elsewhere.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);

    const { id, code } = await startReset();
    const verified = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'reset_password_email_code', code });
    expect(verified.body.response).toMatchObject({ status: 'needs_new_password', created_session_id: null });
    expect(verified.body.client!.sessions).toEqual([]);

    const done = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, {
      password: 'a-brand-new-password',
      sign_out_of_other_sessions: 'true',
    });
    expect(done.status).toBe(200);
    expect(done.body.response.status).toBe('complete');
    expect(done.body.client!.sessions.map((s: { id: string }) => s.id)).toEqual([done.body.response.created_session_id]);
    expect(done.body.client!.sessions[0].user).toMatchObject({ password_enabled: true, password_last_updated_at: expect.any(Number) });
    expect(server.store.sessionById(otherSession)!.status).toBe('ended');

    // The old password is gone, the new one signs in.
    const again = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await again.start();
    await expect(again.signIn(member.emailAddress, LOCAL_SEED_PASSWORD)).rejects.toThrow(/422/);
    await expect(again.signIn(member.emailAddress, 'a-brand-new-password')).resolves.toMatch(/^sess_/);
  });

  it('keeps the other devices signed in when not asked to sign them out', async () => {
    const elsewhere = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await elsewhere.start();
    const otherSession = await elsewhere.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const { id, code } = await startReset();
    await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'reset_password_email_code', code });
    const done = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, {
      password: 'a-brand-new-password',
      sign_out_of_other_sessions: 'false',
    });
    expect(done.body.response.status).toBe('complete');
    expect(server.store.sessionById(otherSession)!.status).toBe('active');
  });

  it('refuses a new password before the code, a wrong code, and a short password', async () => {
    const { id, code } = await startReset();
    const early = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, { password: 'a-brand-new-password' });
    expect(early.status).toBe(400);

    const wrong = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'reset_password_email_code',
      code: code === '000000' ? '000001' : '000000',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } });

    await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'reset_password_email_code', code });
    const short = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, { password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0]).toMatchObject({ code: 'form_password_length_too_short', meta: { param_name: 'password' } });
  });

  it('fails the reset after three wrong codes, until a new code is sent', async () => {
    const { id, code } = await startReset();
    const wrongCode = code === '000000' ? '000001' : '000000';
    const attempt = (given: string) =>
      browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'reset_password_email_code', code: given });
    expect((await attempt(wrongCode)).body.errors[0]!.code).toBe('form_code_incorrect');
    expect((await attempt(wrongCode)).body.errors[0]!.code).toBe('form_code_incorrect');
    expect((await attempt(wrongCode)).body.errors[0]!.code).toBe('verification_failed');
    const refused = await attempt(code);
    expect(refused.body.errors[0]!.code).toBe('verification_failed');
    expect((await browser.call('GET', `/client/sign_ins/${id}`)).body.response.first_factor_verification.status).toBe('failed');

    await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'reset_password_email_code' });
    const fresh = server.inbox.messages(member.emailAddress)[0]!.code!;
    expect((await attempt(fresh)).body.response.status).toBe('needs_new_password');
  });
});
