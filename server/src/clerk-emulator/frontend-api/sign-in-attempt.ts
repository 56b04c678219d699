import { EmulatorError } from '../http/errors.ts';
import { startSessionOnClient } from '../store/sessions.ts';
import type { StoredClient, StoredUser } from '../store/store.ts';
import { ATTEMPT_LIFETIME_MS, newAttemptId, type SignInAttempt } from './attempts.ts';
import { formError, type FrontendDeps } from './fapi-context.ts';
import { holdForSecondFactor } from './sign-in-second-factor.ts';

/**
 * What every step of a sign-in shares (sign-in-routes.ts, sign-in-first-factor.ts,
 * sign-in-tickets.ts): finding the account, and completing the attempt with a
 * session on the caller's client.
 */
export interface SignInContext {
  deps: FrontendDeps;
  /** The caller's client: the attempt lives on it, and its session starts there. */
  client: StoredClient;
  now: () => number;
}

const NOT_FOUND = "Couldn't find your account.";

export function newSignInAttempt(now: number): SignInAttempt {
  return {
    id: newAttemptId('sia'),
    status: 'needs_identifier',
    identifier: null,
    userId: null,
    emailAddressId: null,
    firstFactor: null,
    createdSessionId: null,
    abandonAt: now + ATTEMPT_LIFETIME_MS,
  };
}

/** The client's attempt with this id; a complete one only where reading it back is allowed. */
export function requireSignInAttempt(context: SignInContext, id: string | undefined, allowComplete = false): SignInAttempt {
  const attempt = context.deps.attempts.of(context.client.id).signIn;
  if (!attempt || attempt.id !== id) throw new EmulatorError(404, 'resource_not_found', 'No such sign-in attempt on this client.');
  if (attempt.status === 'complete' && !allowComplete) throw new EmulatorError(400, 'sign_in_complete', 'This sign-in is already complete.');
  return attempt;
}

/** The identifier names an account by one of its verified addresses; the attempt then needs a first factor. */
export function identify(context: SignInContext, attempt: SignInAttempt, identifier: string): void {
  const user = context.deps.store.userByVerifiedEmail(identifier);
  const address = user?.emailAddresses.find((candidate) => candidate.emailAddress === identifier);
  if (!user || !address) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
  refuseBanned(user);
  Object.assign(attempt, { identifier, userId: user.id, emailAddressId: address.id, status: 'needs_first_factor' });
}

/** A user banned through the Backend API cannot sign in until unbanned. */
export function refuseBanned(user: StoredUser): void {
  if (user.banned) throw new EmulatorError(403, 'user_banned', 'You are not allowed to sign in. Contact the application owner for help.');
}

export function requireIdentifiedUser(context: SignInContext, attempt: SignInAttempt): StoredUser {
  const user = attempt.userId ? context.deps.store.userById(attempt.userId) : undefined;
  if (!user) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
  return user;
}

/** The address codes go to: the one the identifier named, while it is still the user's. */
export function identifiedAddress(context: SignInContext, attempt: SignInAttempt): { user: StoredUser; address: string } {
  const user = requireIdentifiedUser(context, attempt);
  const address = user.emailAddresses.find((candidate) => candidate.id === attempt.emailAddressId);
  if (!address) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
  return { user, address: address.emailAddress };
}

/**
 * A verified first factor: the attempt completes with a session on the caller's
 * client, unless the user's second factor is still to come (which a sign-in
 * token skips).
 */
export function completeSignIn(context: SignInContext, attempt: SignInAttempt, options = { secondFactor: true }): void {
  const { deps, client, now } = context;
  const user = requireIdentifiedUser(context, attempt);
  deps.lockout?.recordSuccess(user.id);
  if (options.secondFactor && holdForSecondFactor(attempt, user)) return;
  const session = startSessionOnClient(deps.store, client, user, now());
  Object.assign(attempt, { status: 'complete', createdSessionId: session.id });
  attempt.firstFactor = { ...attempt.firstFactor!, status: 'verified' };
}
