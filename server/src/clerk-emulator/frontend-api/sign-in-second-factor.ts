import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { isTwoFactorEnabled, secondFactorsOf, verifySecondFactor } from '../store/second-factors.ts';
import type { StoredUser } from '../store/store.ts';
import type { SignInAttempt } from './attempts.ts';
import { formError, type FrontendDeps } from './fapi-context.ts';

/**
 * The sign-in's second step for a user with two-step verification: after the
 * first factor the attempt answers `needs_second_factor`, and a code from the
 * authenticator app, or an unused backup code, completes it. Wrong codes
 * count towards the user's lockout, as wrong passwords do.
 */
const AttemptSecondFactor = z.object({ strategy: z.enum(['totp', 'backup_code']), code: z.string().trim() });

/** True when the first factor is not enough: the attempt waits for the second until one is verified. */
export function holdForSecondFactor(attempt: SignInAttempt, user: StoredUser): boolean {
  if (!isTwoFactorEnabled(user) || attempt.secondFactor?.status === 'verified') return false;
  attempt.status = 'needs_second_factor';
  attempt.firstFactor = { ...attempt.firstFactor!, status: 'verified' };
  attempt.secondFactor = null;
  return true;
}

/** Checks the code; on success the caller completes the sign-in. */
export function attemptSecondFactor(deps: FrontendDeps, attempt: SignInAttempt, user: StoredUser, body: unknown, now: number): void {
  if (attempt.status !== 'needs_second_factor') {
    throw new EmulatorError(400, 'sign_in_no_second_factor', 'This sign-in does not need a second factor.');
  }
  const { strategy, code } = AttemptSecondFactor.parse(body ?? {});
  if (!secondFactorsOf(user).includes(strategy)) {
    throw formError('strategy_for_user_invalid', 'The verification strategy is not valid for this account.', 'strategy');
  }
  deps.lockout?.assertUnlocked(user.id, now);
  const attempts = (attempt.secondFactor?.attempts ?? 0) + 1;
  attempt.secondFactor = { strategy, status: 'unverified', attempts, expireAt: null };
  if (!verifySecondFactor(deps.store, user, strategy, code, now)) {
    deps.lockout?.recordFailure(user.id, now);
    throw formError('form_code_incorrect', 'Incorrect code', 'code');
  }
  attempt.secondFactor = { ...attempt.secondFactor, status: 'verified' };
}
