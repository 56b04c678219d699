import { randomInt } from 'node:crypto';
import { isClerkTestEmailAddress, LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { EmulatorError } from '../http/errors.ts';

/**
 * One-time email codes as a Clerk development instance sends them: an address
 * with `+clerk_test` takes LOCAL_VERIFICATION_CODE, any other a random 6-digit
 * code from the OS's CSPRNG. A code is good for ten minutes; the third wrong
 * try fails the verification, after which even the right code is refused until
 * a new one is sent. (Ten minutes is Clerk's documented lifetime; the count of
 * three is ours, as Clerk does not publish its limit.)
 */
export const CODE_LIFETIME_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 3;

export interface PendingCode {
  code: string;
  /** Wrong tries so far. */
  attempts: number;
  expireAt: number;
}

export type CodeStatus = 'unverified' | 'failed' | 'expired';

export function newCodeFor(emailAddress: string): string {
  if (isClerkTestEmailAddress(emailAddress)) return LOCAL_VERIFICATION_CODE;
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

export function pendingCodeFor(emailAddress: string, now: number): PendingCode {
  return { code: newCodeFor(emailAddress), attempts: 0, expireAt: now + CODE_LIFETIME_MS };
}

export function codeStatus(pending: PendingCode, now: number): CodeStatus {
  if (pending.attempts >= MAX_CODE_ATTEMPTS) return 'failed';
  return pending.expireAt <= now ? 'expired' : 'unverified';
}

const INCORRECT = 'Incorrect code';
const FAILED = 'Too many failed attempts. You have to try again with the same or another method.';
const EXPIRED = 'This verification has expired. You have to try again with the same or another method.';

/**
 * Checks `given` against the pending code, counting a wrong try on `pending`
 * (the caller persists it). Throws Clerk's refusals: `form_code_incorrect`
 * under the code field, then `verification_failed` once the tries are used up,
 * or `verification_expired` past the lifetime.
 */
export function checkCode(pending: PendingCode, given: string, now: number): void {
  const before = codeStatus(pending, now);
  if (before === 'failed') throw new EmulatorError(422, 'verification_failed', FAILED);
  if (before === 'expired') throw new EmulatorError(422, 'verification_expired', EXPIRED);
  if (given.trim() === pending.code) return;
  pending.attempts += 1;
  if (codeStatus(pending, now) === 'failed') throw new EmulatorError(422, 'verification_failed', FAILED);
  throw new EmulatorError(422, 'form_code_incorrect', INCORRECT, { code: [INCORRECT] });
}
