import { describe, expect, it } from 'vitest';
import { LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { EmulatorError } from '../http/errors.ts';
import { CODE_LIFETIME_MS, checkCode, codeStatus, newCodeFor, pendingCodeFor } from './codes.ts';

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (error instanceof EmulatorError) return { status: error.status, code: error.code, fields: error.fields };
    throw error;
  }
  return null;
};

describe('email codes', () => {
  it.each(['jane+clerk_test@example.com', 'Jane+Clerk_Test@Example.com', 'a+clerk_test_2@example.com'])('gives %s the test code', (address) => {
    expect(newCodeFor(address)).toBe(LOCAL_VERIFICATION_CODE);
  });

  it('gives any other address a random six-digit code', () => {
    const codes = Array.from({ length: 20 }, () => newCodeFor('jane@example.com'));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    // Twenty equal draws from a million codes would mean it is not random.
    expect(new Set(codes).size).toBeGreaterThan(1);
    // The marker counts only before the "@".
    expect(newCodeFor('jane@clerk_test.example.com')).toMatch(/^\d{6}$/);
  });

  it('accepts the right code and refuses a wrong one as Clerk does, under the code field', () => {
    const pending = { code: '123456', attempts: 0, expireAt: 10_000 };
    expect(refusal(() => checkCode(pending, '654321', 0))).toEqual({
      status: 422,
      code: 'form_code_incorrect',
      fields: { code: ['Incorrect code'] },
    });
    expect(pending.attempts).toBe(1);
    expect(refusal(() => checkCode(pending, ' 123456 ', 0))).toBeNull();
  });

  it('fails the verification on the third wrong code, and then refuses even the right one', () => {
    const pending = { code: '123456', attempts: 0, expireAt: 10_000 };
    expect(refusal(() => checkCode(pending, '000000', 0))?.code).toBe('form_code_incorrect');
    expect(refusal(() => checkCode(pending, '000000', 0))?.code).toBe('form_code_incorrect');
    expect(refusal(() => checkCode(pending, '000000', 0))?.code).toBe('verification_failed');
    expect(codeStatus(pending, 0)).toBe('failed');
    expect(refusal(() => checkCode(pending, '123456', 0))?.code).toBe('verification_failed');
  });

  it('refuses a code past its ten minutes as expired', () => {
    const pending = pendingCodeFor('jane+clerk_test@example.com', 1_000);
    expect(pending.expireAt).toBe(1_000 + CODE_LIFETIME_MS);
    expect(refusal(() => checkCode(pending, LOCAL_VERIFICATION_CODE, pending.expireAt))?.code).toBe('verification_expired');
    expect(codeStatus(pending, pending.expireAt)).toBe('expired');
  });
});
