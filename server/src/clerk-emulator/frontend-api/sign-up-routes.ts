import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { buildUser } from '../store/accounts.ts';
import { EmulatorError } from '../http/errors.ts';
import { pendingCodeFor } from '../mail/codes.ts';
import { verificationCodeEmail } from '../mail/inbox.ts';
import { acceptApplicationInvitation } from '../store/application-invitations.ts';
import { acceptInvitation } from '../store/invitations.ts';
import { hashPassword } from '../store/passwords.ts';
import { startSessionOnClient } from '../store/sessions.ts';
import { claimVerifiedEmail } from '../store/verified-emails.ts';
import { completeWaitlistEntry } from '../store/waitlist.ts';
import { ATTEMPT_LIFETIME_MS, attemptCode, codeVerification, newAttemptId, ticketVerification, type SignUpAttempt } from './attempts.ts';
import { assertPasswordAllowed } from './password-rules.ts';
import { signUpJson } from './attempt-json.ts';
import { callerClient, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { invitationOfAnyTicket, recheckTicketInvitation } from './invitation-ticket.ts';

/**
 * `/v1/client/sign_ups`: email address and password (names optional), then
 * the email code, sent as soon as the address is given: to the emulator's
 * inbox and log (mail/), 424242 for a `+clerk_test` address. Or an
 * invitation's ticket (`strategy=ticket`, what `<SignUp>` sends from the
 * link's `__clerk_ticket`): it gives the invited address, verified, and the
 * sign-up completes with the password; the user joins the organization of an
 * organization invitation, or gets an application invitation's public metadata.
 */
const SignUpFields = z.object({
  strategy: z.string().optional(),
  ticket: z.string().optional(),
  email_address: z.string().trim().toLowerCase().optional(),
  password: z.string().optional(),
  first_name: z.string().trim().max(256).optional(),
  last_name: z.string().trim().max(256).optional(),
});

const AttemptVerification = z.object({ strategy: z.literal('email_code'), code: z.string() });

export function signUpRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();
  const respond = (req: Request, res: Response, attempt: SignUpAttempt) => sendWithClient(req, res, deps, () => signUpJson(attempt));

  router.post('/', async (req, res) => {
    const attempt: SignUpAttempt = {
      id: newAttemptId('sua'),
      status: 'missing_requirements',
      emailAddress: null,
      firstName: null,
      lastName: null,
      passwordHash: null,
      emailVerification: null,
      invitation: null,
      createdUserId: null,
      createdSessionId: null,
      abandonAt: now() + ATTEMPT_LIFETIME_MS,
    };
    await applyFields(attempt, SignUpFields.parse(req.body ?? {}));
    deps.attempts.setSignUp(callerClient(res).id, attempt);
    completeIfReady(attempt, res);
    respond(req, res, attempt);
  });

  router.get('/:id', (req, res) => respond(req, res, requireAttempt(req, res, true)));

  router.patch('/:id', async (req, res) => {
    const attempt = requireAttempt(req, res);
    await applyFields(attempt, SignUpFields.parse(req.body ?? {}));
    completeIfReady(attempt, res);
    respond(req, res, attempt);
  });

  // A resend: clerk-js's "Didn't receive a code?".
  router.post('/:id/prepare_verification', (req, res) => {
    const attempt = requireAttempt(req, res);
    z.object({ strategy: z.literal('email_code') }).parse(req.body ?? {});
    if (!attempt.emailAddress) throw formError('form_param_missing', 'Enter an email address first.', 'email_address');
    sendCode(attempt);
    respond(req, res, attempt);
  });

  router.post('/:id/attempt_verification', (req, res) => {
    const attempt = requireAttempt(req, res);
    const { code } = AttemptVerification.parse(req.body ?? {});
    const verification = attempt.emailVerification;
    if (!verification) throw new EmulatorError(400, 'verification_not_sent', 'Send the code first.');
    attemptCode(verification, code, now());
    completeIfReady(attempt, res);
    respond(req, res, attempt);
  });

  async function applyFields(attempt: SignUpAttempt, fields: z.infer<typeof SignUpFields>): Promise<void> {
    if (fields.strategy === 'ticket') applyTicket(attempt, fields.ticket);
    // <SignUp> sends the invited address back (its field shown, disabled) with the password: nothing to verify again.
    const ticketAddress = attempt.invitation !== null && fields.email_address === attempt.emailAddress;
    if (fields.email_address !== undefined && !ticketAddress) {
      if (!z.email().safeParse(fields.email_address).success) {
        throw formError('form_param_format_invalid', 'Enter a valid email address.', 'email_address');
      }
      assertEmailFree(fields.email_address);
      attempt.emailAddress = fields.email_address;
      // Another address than the invited one: the ticket vouches for it no more.
      attempt.invitation = null;
      // As Clerk does for an instance that verifies email at sign-up: the code goes out with the address.
      sendCode(attempt);
    }
    if (fields.password !== undefined) {
      assertPasswordAllowed(fields.password, 'password');
      attempt.passwordHash = await hashPassword(fields.password);
    }
    if (fields.first_name !== undefined) attempt.firstName = fields.first_name || null;
    if (fields.last_name !== undefined) attempt.lastName = fields.last_name || null;
  }

  /** The invitation's address, verified by its ticket; refused as Clerk refuses a used, revoked or expired ticket. */
  function applyTicket(attempt: SignUpAttempt, ticket: string | undefined): void {
    if (!ticket) throw formError('form_param_missing', 'Enter a ticket.', 'ticket');
    const { kind, invitation } = invitationOfAnyTicket(deps, ticket, now());
    assertEmailFree(invitation.emailAddress);
    Object.assign(attempt, {
      emailAddress: invitation.emailAddress,
      emailVerification: ticketVerification(invitation.expiresAt),
      invitation: { kind, id: invitation.id },
    });
  }

  /** "Sends" the code: to the emulator's inbox page and log, where a developer reads it. */
  function sendCode(attempt: SignUpAttempt): void {
    if (!attempt.emailAddress) return;
    const pending = pendingCodeFor(attempt.emailAddress, now());
    attempt.emailVerification = codeVerification('email_code', pending);
    deps.inbox.send(verificationCodeEmail(attempt.emailAddress, pending.code), now());
  }

  /** Taken only by a verified address: an address someone added and never verified identifies no one. */
  function assertEmailFree(emailAddress: string): void {
    if (deps.store.userByVerifiedEmail(emailAddress)) {
      throw formError('form_identifier_exists', 'That email address is taken. Please try another.', 'email_address');
    }
  }

  /**
   * Email verified and a password set: the user exists and is signed in on this client, with the invitation accepted:
   * an organization's makes them a member, an application's gives them its public metadata (in the change that
   * creates them, so `user.created` carries it). Unverified copies of the address on other accounts go
   * (store/verified-emails.ts); an invited waitlist entry of the address is completed.
   */
  function completeIfReady(attempt: SignUpAttempt, res: Response): void {
    if (attempt.status === 'complete' || !attempt.emailAddress || !attempt.passwordHash) return;
    if (attempt.emailVerification?.status !== 'verified') return;
    // Checked again: another browser may have signed up with this address, or used or revoked the ticket, since this attempt began.
    assertEmailFree(attempt.emailAddress);
    const invited = attempt.invitation === null ? null : recheckTicketInvitation(deps, attempt.invitation, now());
    const application = invited?.kind === 'application' ? invited.invitation : null;
    const user = buildUser({
      emailAddress: attempt.emailAddress,
      firstName: attempt.firstName,
      lastName: attempt.lastName,
      passwordHash: attempt.passwordHash,
      publicMetadata: application?.publicMetadata,
      createdAt: now(),
      verifiedBy: invited ? 'ticket' : 'email_code',
    });
    deps.store.update((data) => {
      data.users.push(user);
      claimVerifiedEmail(data, user, attempt.emailAddress!, now());
      completeWaitlistEntry(data, attempt.emailAddress!, now());
      if (application) acceptApplicationInvitation(data, application.id, user.id, now());
    });
    if (invited?.kind === 'organization') acceptInvitation(deps.store, invited.invitation, user, now());
    const session = startSessionOnClient(deps.store, callerClient(res), user, now());
    Object.assign(attempt, { status: 'complete', createdUserId: user.id, createdSessionId: session.id });
  }

  function requireAttempt(req: Request, res: Response, allowComplete = false): SignUpAttempt {
    const attempt = deps.attempts.of(callerClient(res).id).signUp;
    if (!attempt || attempt.id !== req.params.id) throw new EmulatorError(404, 'resource_not_found', 'No such sign-up attempt on this client.');
    if (attempt.status === 'complete' && !allowComplete) throw new EmulatorError(400, 'sign_up_complete', 'This sign-up is already complete.');
    return attempt;
  }

  return router;
}
