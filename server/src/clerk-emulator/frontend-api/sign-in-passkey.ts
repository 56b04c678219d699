import type { Request } from 'express';
import { EmulatorError } from '../http/errors.ts';
import { authenticationOptions, PASSKEY_CEREMONY_MS, passkeyRefused, passkeysOf, verifyPasskeyAssertion } from '../store/passkeys.ts';
import type { StoredUser } from '../store/store.ts';
import type { FactorVerification, SignInAttempt } from './attempts.ts';
import type { FrontendDeps } from './fapi-context.ts';
import { passkeyPage } from './passkey-routes.ts';

/**
 * Signing in with a passkey, as `<SignIn>` does it: "Use passkey" (and the
 * email field's autofill) start a sign-in with `strategy=passkey` and no
 * identifier, so any passkey of this host may answer; after an identifier,
 * `prepare_first_factor` asks only for that user's. Either way the
 * verification's `nonce` carries the request options, and
 * `attempt_first_factor` the browser's assertion.
 */
export async function preparePasskeyFactor(req: Request, deps: FrontendDeps, user: StoredUser | undefined, now: number): Promise<FactorVerification> {
  if (user && passkeysOf(user).length === 0) throw new EmulatorError(422, 'strategy_for_user_invalid', 'This account has no passkey.');
  const { origin, rpId } = passkeyPage(req, deps);
  const options = await authenticationOptions(rpId, user);
  const expireAt = now + PASSKEY_CEREMONY_MS;
  return {
    strategy: 'passkey',
    status: 'unverified',
    attempts: 0,
    expireAt,
    passkey: { challenge: options.challenge, origin, rpId, expireAt, options: JSON.stringify(options) },
  };
}

/** Verifies the assertion against the attempt's challenge; answers the passkey's user (the attempt's, once identified). */
export async function attemptPasskeyFactor(
  deps: FrontendDeps,
  attempt: SignInAttempt,
  credential: string | undefined,
  now: number,
): Promise<StoredUser> {
  const verification = attempt.firstFactor;
  if (verification?.strategy !== 'passkey' || !verification.passkey)
    throw new EmulatorError(400, 'verification_not_sent', 'Ask for the passkey first.');
  if (attempt.userId) deps.lockout?.assertUnlocked(attempt.userId, now);
  verification.attempts += 1;
  try {
    const user = await verifyPasskeyAssertion(deps.store, verification.passkey, credential, { expectedUserId: attempt.userId, now });
    verification.status = 'verified';
    return user;
  } catch (error) {
    if (error instanceof EmulatorError && error.code === 'verification_expired') verification.status = 'expired';
    else if (attempt.userId) deps.lockout?.recordFailure(attempt.userId, now);
    throw error instanceof EmulatorError ? error : passkeyRefused();
  }
}
