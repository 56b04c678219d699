import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { pendingCodeFor } from '../mail/codes.ts';
import { resetPasswordCodeEmail, verificationCodeEmail } from '../mail/inbox.ts';
import { acceptApplicationInvitation } from '../store/application-invitations.ts';
import { acceptInvitation } from '../store/invitations.ts';
import { acceptSignInToken, signInTokenOfTicket } from '../store/sign-in-tokens.ts';
import { hashPassword, verifyPassword } from '../store/passwords.ts';
import { endOtherSessionsOfUser, setActiveOrganization, startSessionOnClient } from '../store/sessions.ts';
import type { StoredUser } from '../store/store.ts';
import { invalidTicket, ticketKind } from '../tokens/tickets.ts';
import { ATTEMPT_LIFETIME_MS, attemptCode, codeVerification, newAttemptId, type SignInAttempt } from './attempts.ts';
import { signInJson } from './attempt-json.ts';
import { invitationOfAnyTicket } from './invitation-ticket.ts';
import { attemptPasskeyFactor, preparePasskeyFactor } from './sign-in-passkey.ts';
import { attemptSecondFactor, holdForSecondFactor } from './sign-in-second-factor.ts';
import { callerClient, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { assertPasswordAllowed } from './password-rules.ts';

/**
 * `/v1/client/sign_ins`: email address first, then the password or an email
 * code; or "Forgot password?": a reset code (`reset_password_email_code`),
 * then `needs_new_password`, then `reset_password`. Or a ticket
 * (`strategy=ticket`, what `<SignIn>` sends from a link's `__clerk_ticket`):
 * an invitation's, with which the invited address's account signs in and joins
 * the organization, or a Backend API sign-in token's, with which its user signs
 * in. Or a passkey (sign-in-passkey.ts): with `strategy=passkey` and no
 * identifier, or as a first factor after one. A complete attempt starts a
 * session on the caller's client.
 */
const CreateSignIn = z.object({
  identifier: z.string().trim().toLowerCase().optional(),
  strategy: z.string().optional(),
  password: z.string().optional(),
  ticket: z.string().optional(),
});

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

const NOT_FOUND = "Couldn't find your account.";
const WRONG_PASSWORD = 'Password is incorrect. Try again, or use another method.';

export function signInRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();
  const respond = (req: Request, res: Response, attempt: SignInAttempt) => sendWithClient(req, res, deps, (ctx) => signInJson(attempt, ctx));

  router.post('/', async (req, res) => {
    const body = CreateSignIn.parse(req.body ?? {});
    const client = callerClient(res);
    const attempt: SignInAttempt = {
      id: newAttemptId('sia'),
      status: 'needs_identifier',
      identifier: null,
      userId: null,
      emailAddressId: null,
      firstFactor: null,
      createdSessionId: null,
      abandonAt: now() + ATTEMPT_LIFETIME_MS,
    };
    if (body.strategy === 'ticket') signInWithTicket(attempt, body.ticket, res);
    else if (body.strategy === 'passkey') {
      // "Use passkey" and autofill: whichever passkey of this host answers names the account.
      attempt.status = 'needs_first_factor';
      attempt.firstFactor = await preparePasskeyFactor(req, deps, undefined, now());
    } else if (body.identifier) identify(attempt, body.identifier);
    deps.attempts.setSignIn(client.id, attempt);
    if (body.strategy === 'password' && body.password !== undefined) await attemptPassword(attempt, body.password, res);
    respond(req, res, attempt);
  });

  router.get('/:id', (req, res) => respond(req, res, requireAttempt(req, res, true)));

  router.post('/:id/prepare_first_factor', async (req, res) => {
    const attempt = requireAttempt(req, res);
    const { strategy } = PrepareFactor.parse(req.body ?? {});
    if (strategy === 'passkey') {
      attempt.firstFactor = await preparePasskeyFactor(req, deps, requireIdentifiedUser(attempt), now());
      respond(req, res, attempt);
      return;
    }
    const { user, address } = identifiedAddress(attempt);
    if (strategy === 'reset_password_email_code' && user.passwordHash === null) {
      throw new EmulatorError(422, 'strategy_for_user_invalid', 'This account has no password to reset.');
    }
    const pending = pendingCodeFor(address, now());
    attempt.firstFactor = codeVerification(strategy, pending);
    const email = strategy === 'email_code' ? verificationCodeEmail(address, pending.code) : resetPasswordCodeEmail(address, pending.code);
    deps.inbox.send(email, now());
    respond(req, res, attempt);
  });

  router.post('/:id/attempt_first_factor', async (req, res) => {
    const attempt = requireAttempt(req, res);
    const body = AttemptFactor.parse(req.body ?? {});
    if (body.strategy === 'password') await attemptPassword(attempt, body.password ?? '', res);
    else if (body.strategy === 'passkey') await attemptPasskey(attempt, body.public_key_credential, res);
    else attemptEmailCode(attempt, body.strategy, body.code ?? '', res);
    respond(req, res, attempt);
  });

  router.post('/:id/reset_password', async (req, res) => {
    const attempt = requireAttempt(req, res);
    const body = ResetPassword.parse(req.body ?? {});
    if (attempt.status !== 'needs_new_password') {
      throw new EmulatorError(400, 'sign_in_no_reset_password', 'Verify the reset code before choosing a new password.');
    }
    assertPasswordAllowed(body.password, 'password');
    const user = requireIdentifiedUser(attempt);
    const passwordHash = await hashPassword(body.password);
    deps.store.update(() => Object.assign(user, { passwordHash, passwordUpdatedAt: now(), updatedAt: now() }));
    // The browser that reset it is signed in next; every other device is signed out when asked.
    if (body.sign_out_of_other_sessions === 'true') endOtherSessionsOfUser(deps.store, user.id, null, now());
    complete(attempt, res);
    respond(req, res, attempt);
  });

  function identify(attempt: SignInAttempt, identifier: string): void {
    const user = deps.store.userByVerifiedEmail(identifier);
    const address = user?.emailAddresses.find((candidate) => candidate.emailAddress === identifier);
    if (!user || !address) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
    // A user banned through the Backend API cannot sign in until unbanned.
    if (user.banned) throw new EmulatorError(403, 'user_banned', 'You are not allowed to sign in. Contact the application owner for help.');
    Object.assign(attempt, { identifier, userId: user.id, emailAddressId: address.id, status: 'needs_first_factor' });
  }

  /** Which ticket it is decides what it does; one the emulator did not sign is Clerk's `ticket_invalid_code`. */
  function signInWithTicket(attempt: SignInAttempt, ticket: string | undefined, res: Response): void {
    if (!ticket) throw formError('form_param_missing', 'Enter a ticket.', 'ticket');
    const kind = ticketKind(ticket, deps.keys);
    if (kind === 'sign_in_token') signInWithSignInToken(attempt, ticket, res);
    else if (kind === 'organization_invitation' || kind === 'application_invitation') signInWithInvitation(attempt, ticket, res);
    else throw invalidTicket();
  }

  /**
   * The ticket (an organization's or an application's invitation) proves the invited address, as a code would: its
   * account signs in (a second factor still asked of a user who has one) and the invitation is accepted. An application
   * invitation's public metadata goes only to the user it creates (our choice). No account with that address: Clerk's
   * `invitation_account_not_exists`, on which `<SignIn>` goes to sign-up.
   */
  function signInWithInvitation(attempt: SignInAttempt, ticket: string, res: Response): void {
    const invited = invitationOfAnyTicket(deps, ticket, now());
    const { invitation } = invited;
    if (!deps.store.userByVerifiedEmail(invitation.emailAddress)) {
      throw new EmulatorError(422, 'invitation_account_not_exists', 'No account has the invited email address yet: sign up instead.');
    }
    identify(attempt, invitation.emailAddress);
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.assertUnlocked(user.id, now());
    if (invited.kind === 'organization') acceptInvitation(deps.store, invited.invitation, user, now());
    else deps.store.update((data) => acceptApplicationInvitation(data, invitation.id, user.id, now()));
    attempt.firstFactor = { strategy: 'ticket', status: 'verified', attempts: 0, expireAt: invitation.expiresAt };
    complete(attempt, res);
  }

  /**
   * A sign-in token signs its user in once, as Clerk's does: no credential and no second factor (Clerk's testing
   * helpers sign users in with it, "bypassing all verification steps, including multi-factor authentication").
   * A banned or locked user is still refused; the token's `org_id`, while its user is a member, is made active.
   */
  function signInWithSignInToken(attempt: SignInAttempt, ticket: string, res: Response): void {
    const token = signInTokenOfTicket(deps.store, deps.keys, ticket, now());
    const user = deps.store.userById(token.userId)!;
    if (user.banned) throw new EmulatorError(403, 'user_banned', 'You are not allowed to sign in. Contact the application owner for help.');
    deps.lockout?.assertUnlocked(user.id, now());
    const address = user.emailAddresses.find((candidate) => candidate.id === user.primaryEmailAddressId) ?? user.emailAddresses[0];
    Object.assign(attempt, { identifier: address?.emailAddress ?? null, userId: user.id, emailAddressId: address?.id ?? null });
    acceptSignInToken(deps.store, token, now());
    attempt.firstFactor = { strategy: 'ticket', status: 'verified', attempts: 0, expireAt: token.expiresAt };
    complete(attempt, res, { secondFactor: false });
    const session = attempt.createdSessionId ? deps.store.sessionById(attempt.createdSessionId) : undefined;
    if (session && token.organizationId && deps.store.membership(user.id, token.organizationId)) {
      setActiveOrganization(deps.store, session, token.organizationId, now());
    }
  }

  async function attemptPassword(attempt: SignInAttempt, password: string, res: Response): Promise<void> {
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.assertUnlocked(user.id, now());
    if (user.passwordHash === null) throw new EmulatorError(422, 'strategy_for_user_invalid', 'This account has no password; sign in with a code.');
    attempt.firstFactor = { strategy: 'password', status: 'unverified', attempts: (attempt.firstFactor?.attempts ?? 0) + 1, expireAt: null };
    if (!(await verifyPassword(password, user.passwordHash))) {
      deps.lockout?.recordFailure(user.id, now());
      throw formError('form_password_incorrect', WRONG_PASSWORD, 'password');
    }
    complete(attempt, res);
  }

  /** The passkey's user signs in (a second factor still asked of one who has it, as `satisfies_second_factor` is off). */
  async function attemptPasskey(attempt: SignInAttempt, credential: string | undefined, res: Response): Promise<void> {
    const user = await attemptPasskeyFactor(deps, attempt, credential, now());
    if (!attempt.userId) {
      if (user.banned) throw new EmulatorError(403, 'user_banned', 'You are not allowed to sign in. Contact the application owner for help.');
      deps.lockout?.assertUnlocked(user.id, now());
      const address = user.emailAddresses.find((candidate) => candidate.id === user.primaryEmailAddressId);
      Object.assign(attempt, { identifier: address?.emailAddress ?? null, userId: user.id, emailAddressId: address?.id ?? null });
    }
    complete(attempt, res);
  }

  /** A sign-in code completes the attempt; a reset code only opens the new-password step. */
  function attemptEmailCode(attempt: SignInAttempt, strategy: z.infer<typeof CodeStrategy>, code: string, res: Response): void {
    const verification = attempt.firstFactor;
    if (verification?.strategy !== strategy || !verification.pending) {
      throw new EmulatorError(400, 'verification_not_sent', 'Send the code first.');
    }
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.assertUnlocked(user.id, now());
    try {
      attemptCode(verification, code, now());
    } catch (error) {
      // Only a wrong code counts towards the lockout, as a wrong password does; an expired one does not.
      if (error instanceof EmulatorError && error.code === 'form_code_incorrect') deps.lockout?.recordFailure(user.id, now());
      throw error;
    }
    if (strategy === 'reset_password_email_code') attempt.status = 'needs_new_password';
    else complete(attempt, res);
  }

  router.post('/:id/attempt_second_factor', (req, res) => {
    const attempt = requireAttempt(req, res);
    attemptSecondFactor(deps, attempt, requireIdentifiedUser(attempt), req.body, now());
    complete(attempt, res);
    respond(req, res, attempt);
  });

  function complete(attempt: SignInAttempt, res: Response, options: { secondFactor: boolean } = { secondFactor: true }): void {
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.recordSuccess(user.id);
    if (options.secondFactor && holdForSecondFactor(attempt, user)) return;
    const session = startSessionOnClient(deps.store, callerClient(res), user, now());
    Object.assign(attempt, { status: 'complete', createdSessionId: session.id });
    attempt.firstFactor = { ...attempt.firstFactor!, status: 'verified' };
  }

  function requireIdentifiedUser(attempt: SignInAttempt): StoredUser {
    const user = attempt.userId ? deps.store.userById(attempt.userId) : undefined;
    if (!user) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
    return user;
  }

  /** The address codes go to: the one the identifier named, while it is still the user's. */
  function identifiedAddress(attempt: SignInAttempt): { user: StoredUser; address: string } {
    const user = requireIdentifiedUser(attempt);
    const address = user.emailAddresses.find((candidate) => candidate.id === attempt.emailAddressId);
    if (!address) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
    return { user, address: address.emailAddress };
  }

  function requireAttempt(req: Request, res: Response, allowComplete = false): SignInAttempt {
    const attempt = deps.attempts.of(callerClient(res).id).signIn;
    if (!attempt || attempt.id !== req.params.id) throw new EmulatorError(404, 'resource_not_found', 'No such sign-in attempt on this client.');
    if (attempt.status === 'complete' && !allowComplete) throw new EmulatorError(400, 'sign_in_complete', 'This sign-in is already complete.');
    return attempt;
  }

  return router;
}
