import { EmulatorError } from '../http/errors.ts';
import { acceptApplicationInvitation } from '../store/application-invitations.ts';
import { acceptInvitation } from '../store/invitations.ts';
import { setActiveOrganization } from '../store/sessions.ts';
import { acceptSignInToken, signInTokenOfTicket } from '../store/sign-in-tokens.ts';
import { invalidTicket, ticketKind } from '../tokens/tickets.ts';
import type { SignInAttempt } from './attempts.ts';
import { formError } from './fapi-context.ts';
import { invitationOfAnyTicket } from './invitation-ticket.ts';
import { completeSignIn, identify, refuseBanned, requireIdentifiedUser, type SignInContext } from './sign-in-attempt.ts';

/**
 * A sign-in with `strategy=ticket`, what `<SignIn>` sends from a link's
 * `__clerk_ticket`: an invitation's, with which the invited address's account
 * signs in and joins the organization, or a Backend API sign-in token's, with
 * which its user signs in. Which ticket it is decides what it does; one the
 * emulator did not sign is Clerk's `ticket_invalid_code`.
 */
export function signInWithTicket(context: SignInContext, attempt: SignInAttempt, ticket: string | undefined): void {
  if (!ticket) throw formError('form_param_missing', 'Enter a ticket.', 'ticket');
  const kind = ticketKind(ticket, context.deps.keys);
  if (kind === 'sign_in_token') signInWithSignInToken(context, attempt, ticket);
  else if (kind === 'organization_invitation' || kind === 'application_invitation') signInWithInvitation(context, attempt, ticket);
  else throw invalidTicket();
}

/**
 * The ticket (an organization's or an application's invitation) proves the invited address, as a code would: its
 * account signs in (a second factor still asked of a user who has one) and the invitation is accepted. An application
 * invitation's public metadata goes only to the user it creates (our choice). No account with that address: Clerk's
 * `invitation_account_not_exists`, on which `<SignIn>` goes to sign-up.
 */
function signInWithInvitation(context: SignInContext, attempt: SignInAttempt, ticket: string): void {
  const { deps, now } = context;
  const invited = invitationOfAnyTicket(deps, ticket, now());
  const { invitation } = invited;
  if (!deps.store.userByVerifiedEmail(invitation.emailAddress)) {
    throw new EmulatorError(422, 'invitation_account_not_exists', 'No account has the invited email address yet: sign up instead.');
  }
  identify(context, attempt, invitation.emailAddress);
  const user = requireIdentifiedUser(context, attempt);
  deps.lockout?.assertUnlocked(user.id, now());
  if (invited.kind === 'organization') acceptInvitation(deps.store, invited.invitation, user, now());
  else deps.store.update((data) => acceptApplicationInvitation(data, invitation.id, user.id, now()));
  attempt.firstFactor = { strategy: 'ticket', status: 'verified', attempts: 0, expireAt: invitation.expiresAt };
  completeSignIn(context, attempt);
}

/**
 * A sign-in token signs its user in once, as Clerk's does: no credential and no second factor (Clerk's testing
 * helpers sign users in with it, "bypassing all verification steps, including multi-factor authentication").
 * A banned or locked user is still refused; the token's `org_id`, while its user is a member, is made active.
 */
function signInWithSignInToken(context: SignInContext, attempt: SignInAttempt, ticket: string): void {
  const { deps, now } = context;
  const token = signInTokenOfTicket(deps.store, deps.keys, ticket, now());
  const user = deps.store.userById(token.userId)!;
  refuseBanned(user);
  deps.lockout?.assertUnlocked(user.id, now());
  const address = user.emailAddresses.find((candidate) => candidate.id === user.primaryEmailAddressId) ?? user.emailAddresses[0];
  Object.assign(attempt, { identifier: address?.emailAddress ?? null, userId: user.id, emailAddressId: address?.id ?? null });
  acceptSignInToken(deps.store, token, now());
  attempt.firstFactor = { strategy: 'ticket', status: 'verified', attempts: 0, expireAt: token.expiresAt };
  completeSignIn(context, attempt, { secondFactor: false });
  const session = attempt.createdSessionId ? deps.store.sessionById(attempt.createdSessionId) : undefined;
  if (session && token.organizationId && deps.store.membership(user.id, token.organizationId)) {
    setActiveOrganization(deps.store, session, token.organizationId, now());
  }
}
