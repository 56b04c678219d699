import { applicationInvitationOfTicket, ticketApplicationInvitation } from '../store/application-invitations.ts';
import { invitationOfTicket, ticketInvitation } from '../store/invitations.ts';
import type { StoredApplicationInvitation, StoredInvitation } from '../store/store.ts';
import { ticketKind } from '../tokens/tickets.ts';
import type { TicketInvitation } from './attempts.ts';
import type { FrontendDeps } from './fapi-context.ts';

/**
 * An invitation link's ticket, as `<SignUp>` and `<SignIn>` send it (`strategy=ticket`, from `__clerk_ticket`): an
 * organization invitation's (the user joins the organization) or an application invitation's (a new user gets its
 * public metadata). Either verifies the invited address with no code. A used, revoked, expired or forged ticket is
 * refused as Clerk refuses it.
 */
export type CheckedTicketInvitation =
  { kind: 'organization'; invitation: StoredInvitation } | { kind: 'application'; invitation: StoredApplicationInvitation };

export function invitationOfAnyTicket(deps: FrontendDeps, ticket: string, now: number): CheckedTicketInvitation {
  if (ticketKind(ticket, deps.keys) === 'application_invitation') {
    return { kind: 'application', invitation: applicationInvitationOfTicket(deps.store, deps.keys, ticket, now) };
  }
  // Any other ticket is read as an organization invitation's, which refuses a sign-in token's or a forged one.
  return { kind: 'organization', invitation: invitationOfTicket(deps.store, deps.keys, ticket, now) };
}

/** Checked again as a sign-up completes: another browser may have used the ticket, or it was revoked, since. */
export function recheckTicketInvitation(deps: FrontendDeps, taken: TicketInvitation, now: number): CheckedTicketInvitation {
  return taken.kind === 'application'
    ? { kind: 'application', invitation: ticketApplicationInvitation(deps.store, taken.id, now) }
    : { kind: 'organization', invitation: ticketInvitation(deps.store, taken.id, now) };
}
