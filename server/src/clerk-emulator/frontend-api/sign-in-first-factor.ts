import type { Request } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { pendingCodeFor } from '../mail/codes.ts';
import { resetPasswordCodeEmail, verificationCodeEmail } from '../mail/inbox.ts';
import { hashPassword, verifyPassword } from '../store/passwords.ts';
import { endOtherSessionsOfUser } from '../store/sessions.ts';
import { attemptCode, codeVerification, type SignInAttempt } from './attempts.ts';
import { formError } from './fapi-context.ts';
import { assertPasswordAllowed } from './password-rules.ts';
import { completeSignIn, identifiedAddress, refuseBanned, requireIdentifiedUser, type SignInContext } from './sign-in-attempt.ts';
import { attemptPasskeyFactor, preparePasskeyFactor } from './sign-in-passkey.ts';

/**
 * A sign-in's first factor, once the account is named: the password, an
 * email code, or a passkey (sign-in-passkey.ts). Or "Forgot password?": a
 * reset code (`reset_password_email_code`), then `needs_new_password`, then
 * `reset_password`. Wrong passwords and codes count towards the user's lockout.
 */
const CodeStrategy = z.enum(['email_code', 'reset_password_email_code']);
const PrepareFactor = z.object({ strategy: z.enum([...CodeStrategy.options, 'passkey']), email_address_id: z.string().optional() });
const AttemptFactor = z.object({
  strategy: z.enum(['password', 'passkey', ...CodeStrategy.options]),
  password: z.string().optional(),
  code: z.string().optional(),
  public_key_credential: z.string().optional(),
});
// clerk-js sends the checkbox as `true` or `false`.
const ResetPassword = z.object({ password: z.string(), sign_out_of_other_sessions: z.enum(['true', 'false']).optional() });

const WRONG_PASSWORD = 'Password is incorrect. Try again, or use another method.';

/** Sends the code (to the address the identifier named), or asks the browser for one of the user's passkeys. */
export async function prepareFirstFactor(req: Request, context: SignInContext, attempt: SignInAttempt): Promise<void> {
  const { deps, now } = context;
  const { strategy } = PrepareFactor.parse(req.body ?? {});
  if (strategy === 'passkey') {
    attempt.firstFactor = await preparePasskeyFactor(req, deps, requireIdentifiedUser(context, attempt), now());
    return;
  }
  const { user, address } = identifiedAddress(context, attempt);
  if (strategy === 'reset_password_email_code' && user.passwordHash === null) {
    throw new EmulatorError(422, 'strategy_for_user_invalid', 'This account has no password to reset.');
  }
  const pending = pendingCodeFor(address, now());
  attempt.firstFactor = codeVerification(strategy, pending);
  const email = strategy === 'email_code' ? verificationCodeEmail(address, pending.code) : resetPasswordCodeEmail(address, pending.code);
  deps.inbox.send(email, now());
}

export async function attemptFirstFactor(context: SignInContext, attempt: SignInAttempt, body: unknown): Promise<void> {
  const factor = AttemptFactor.parse(body ?? {});
  if (factor.strategy === 'password') await attemptPassword(context, attempt, factor.password ?? '');
  else if (factor.strategy === 'passkey') await attemptPasskey(context, attempt, factor.public_key_credential);
  else attemptEmailCode(context, attempt, factor.strategy, factor.code ?? '');
}

export async function attemptPassword(context: SignInContext, attempt: SignInAttempt, password: string): Promise<void> {
  const { deps, now } = context;
  const user = requireIdentifiedUser(context, attempt);
  deps.lockout?.assertUnlocked(user.id, now());
  if (user.passwordHash === null) throw new EmulatorError(422, 'strategy_for_user_invalid', 'This account has no password; sign in with a code.');
  attempt.firstFactor = { strategy: 'password', status: 'unverified', attempts: (attempt.firstFactor?.attempts ?? 0) + 1, expireAt: null };
  if (!(await verifyPassword(password, user.passwordHash))) {
    deps.lockout?.recordFailure(user.id, now());
    throw formError('form_password_incorrect', WRONG_PASSWORD, 'password');
  }
  completeSignIn(context, attempt);
}

/** The passkey's user signs in (a second factor still asked of one who has it, as `satisfies_second_factor` is off). */
async function attemptPasskey(context: SignInContext, attempt: SignInAttempt, credential: string | undefined): Promise<void> {
  const { deps, now } = context;
  const user = await attemptPasskeyFactor(deps, attempt, credential, now());
  if (!attempt.userId) {
    refuseBanned(user);
    deps.lockout?.assertUnlocked(user.id, now());
    const address = user.emailAddresses.find((candidate) => candidate.id === user.primaryEmailAddressId);
    Object.assign(attempt, { identifier: address?.emailAddress ?? null, userId: user.id, emailAddressId: address?.id ?? null });
  }
  completeSignIn(context, attempt);
}

/** A sign-in code completes the attempt; a reset code only opens the new-password step. */
function attemptEmailCode(context: SignInContext, attempt: SignInAttempt, strategy: z.infer<typeof CodeStrategy>, code: string): void {
  const { deps, now } = context;
  const verification = attempt.firstFactor;
  if (verification?.strategy !== strategy || !verification.pending) {
    throw new EmulatorError(400, 'verification_not_sent', 'Send the code first.');
  }
  const user = requireIdentifiedUser(context, attempt);
  deps.lockout?.assertUnlocked(user.id, now());
  try {
    attemptCode(verification, code, now());
  } catch (error) {
    // Only a wrong code counts towards the lockout, as a wrong password does; an expired one does not.
    if (error instanceof EmulatorError && error.code === 'form_code_incorrect') deps.lockout?.recordFailure(user.id, now());
    throw error;
  }
  if (strategy === 'reset_password_email_code') attempt.status = 'needs_new_password';
  else completeSignIn(context, attempt);
}

/** After a verified reset code: the new password, and the browser that chose it is signed in. */
export async function resetPassword(context: SignInContext, attempt: SignInAttempt, body: unknown): Promise<void> {
  const { deps, now } = context;
  const { password, sign_out_of_other_sessions: signOutOfOthers } = ResetPassword.parse(body ?? {});
  if (attempt.status !== 'needs_new_password') {
    throw new EmulatorError(400, 'sign_in_no_reset_password', 'Verify the reset code before choosing a new password.');
  }
  assertPasswordAllowed(password, 'password');
  const user = requireIdentifiedUser(context, attempt);
  const passwordHash = await hashPassword(password);
  deps.store.update(() => Object.assign(user, { passwordHash, passwordUpdatedAt: now(), updatedAt: now() }));
  // Every other device is signed out when asked.
  if (signOutOfOthers === 'true') endOtherSessionsOfUser(deps.store, user.id, null, now());
  completeSignIn(context, attempt);
}
