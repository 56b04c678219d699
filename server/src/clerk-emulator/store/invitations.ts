import { EmulatorError } from '../http/errors.ts';
import { organizationInvitationEmail, type Inbox } from '../mail/inbox.ts';
import { expiredTicket, invalidTicket, invitationIdOfTicket, invitationTicket } from '../tokens/tickets.ts';
import { newId } from './ids.ts';
import { LOCAL_APP_SIGN_IN_PATH, LOCAL_APP_SIGN_UP_PATH } from '#shared/local-clerk';
import type { OrganizationRoleKey } from '#shared/organization-roles';
import type { LocalKeys } from '../../common/local-keys.ts';
import type { EmulatorStore, StoredInvitation, StoredMembership, StoredOrganization, StoredUser } from './store.ts';

/**
 * Organization invitations, shared by both APIs: created pending, then
 * accepted by a user who owns the invited address (which makes them a
 * member) or revoked. Clerk's invitations expire after 30 days by default.
 */
export const INVITATION_LIFETIME_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
// A plain check, as Clerk's own `form_param_format_invalid`: one @, something either side, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewInvitation {
  emailAddress: string;
  role: OrganizationRoleKey;
  inviterId: string | null;
  publicMetadata?: Record<string, unknown> | undefined;
  privateMetadata?: Record<string, unknown> | undefined;
  expiresInDays?: number | undefined;
  /** Where the invitation's email leads (Clerk's `redirect_url`). */
  redirectUrl?: string | undefined;
}

/** What an invitation's link needs: the key its ticket is signed with, and the app it leads to. */
export interface InvitationLinks {
  store: EmulatorStore;
  inbox: Inbox;
  keys: LocalKeys;
  /** The emulator's URL, the ticket's `iss`. */
  issuer: string;
  /** The SPA's first authorized origin: its sign-up (or sign-in) page takes the ticket when no `redirect_url` was given. */
  authorizedParties: readonly string[];
}

/**
 * Invites each address in one change (so a refused address invites nobody): an address already a member, or
 * already invited and pending, is refused, as Clerk refuses it. Each invitation's email, with its link, goes to the inbox.
 */
export function createInvitations(
  links: InvitationLinks,
  organization: StoredOrganization,
  inputs: readonly NewInvitation[],
  now: number,
): StoredInvitation[] {
  const { store, inbox } = links;
  const invitations = inputs.map((input) => buildInvitation(links, organization, input, now));
  const emails = invitations.map((invitation) => invitation.emailAddress);
  const repeated = emails.filter((email, index) => emails.indexOf(email) !== index);
  if (repeated.length > 0) throw duplicateInvitation(repeated);
  store.update((data) => data.invitations.push(...invitations));
  for (const invitation of invitations) {
    inbox.send(organizationInvitationEmail(invitation.emailAddress, organization.name, invitation.url ?? null), now);
  }
  return invitations;
}

function buildInvitation(links: InvitationLinks, organization: StoredOrganization, input: NewInvitation, now: number): StoredInvitation {
  const { store } = links;
  const emailAddress = input.emailAddress.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(emailAddress)) throw invitationError('form_param_format_invalid', 'email_address must be a valid email address.');
  const existing = store.userByVerifiedEmail(emailAddress);
  if (existing && store.membership(existing.id, organization.id)) {
    throw invitationError('already_a_member_in_organization', `${emailAddress} is already a member of this organization.`);
  }
  if (pendingInvitations(store, organization.id, now).some((invitation) => invitation.emailAddress === emailAddress)) {
    throw duplicateInvitation([emailAddress]);
  }
  const id = newId('orginv');
  const expiresAt = now + (input.expiresInDays ?? INVITATION_LIFETIME_DAYS) * DAY_MS;
  const ticket = invitationTicket({ id, organizationId: organization.id, createdAt: now, expiresAt }, links.keys, links.issuer);
  return {
    id,
    url: invitationUrl(links, input.redirectUrl, ticket, existing !== undefined),
    organizationId: organization.id,
    emailAddress,
    role: input.role,
    inviterId: input.inviterId,
    status: 'pending',
    publicMetadata: structuredClone(input.publicMetadata ?? {}),
    privateMetadata: structuredClone(input.privateMetadata ?? {}),
    expiresAt,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The link of an invitation's email (an organization's or an application's), as Clerk's ticket link lands: `__clerk_ticket`, and `__clerk_status` saying whether
 * the address had an account when invited (`<SignIn>` hands a `sign_up` ticket to the sign-up page). Without a
 * `redirect_url`, the app's sign-up page, or its sign-in page for an address that already has an account.
 */
export function invitationUrl(links: InvitationLinks, redirectUrl: string | undefined, ticket: string, hasAccount: boolean): string {
  const appOrigin = links.authorizedParties[0] ?? links.issuer;
  const url = new URL(redirectUrl ?? `${appOrigin}${hasAccount ? LOCAL_APP_SIGN_IN_PATH : LOCAL_APP_SIGN_UP_PATH}`);
  url.searchParams.set('__clerk_ticket', ticket);
  url.searchParams.set('__clerk_status', hasAccount ? 'sign_in' : 'sign_up');
  return url.toString();
}

/** Pending and not past its expiry: the only invitations that can still be accepted or revoked. */
export function isPending(invitation: StoredInvitation, now: number): boolean {
  return invitation.status === 'pending' && invitation.expiresAt > now;
}

/** Clerk's status, with `expired` derived from the clock. */
export function invitationStatus(invitation: StoredInvitation, now: number): StoredInvitation['status'] | 'expired' {
  return invitation.status === 'pending' && invitation.expiresAt <= now ? 'expired' : invitation.status;
}

export function pendingInvitations(store: EmulatorStore, organizationId: string, now: number): StoredInvitation[] {
  return store.data.invitations.filter((invitation) => invitation.organizationId === organizationId && isPending(invitation, now));
}

/**
 * The invitations addressed to the user's verified email addresses, newest first: an address added in
 * <UserProfile> and not verified yet does not prove its owner, so its invitations wait.
 */
export function invitationsOfUser(store: EmulatorStore, user: StoredUser): StoredInvitation[] {
  const emails = new Set(user.emailAddresses.flatMap((address) => (address.verifiedBy === null ? [] : [address.emailAddress])));
  return store.data.invitations.filter((invitation) => emails.has(invitation.emailAddress)).sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * The pending invitation a ticket names. A ticket whose invitation was accepted (the ticket used once already),
 * revoked or deleted is Clerk's `ticket_invalid_code`; one past its expiry, `ticket_expired_code`.
 */
export function invitationOfTicket(store: EmulatorStore, keys: LocalKeys, ticket: string, now: number): StoredInvitation {
  return ticketInvitation(store, invitationIdOfTicket(ticket, keys, now), now);
}

/** The invitation of a ticket taken earlier, checked again when it is used: it may have been accepted or revoked since. */
export function ticketInvitation(store: EmulatorStore, invitationId: string, now: number): StoredInvitation {
  const invitation = store.invitationById(invitationId);
  if (invitation && invitationStatus(invitation, now) === 'expired') throw expiredTicket();
  if (!invitation || !isPending(invitation, now)) throw invalidTicket();
  return invitation;
}

export function revokeInvitation(store: EmulatorStore, invitation: StoredInvitation, now: number): void {
  if (!isPending(invitation, now)) throw invitationError('organization_invitation_not_pending', 'This invitation is no longer pending.', 400);
  store.update(() => Object.assign(invitation, { status: 'revoked', updatedAt: now }));
}

/** The invited user joins with the invited role, and the invitation is accepted, in one change. */
export function acceptInvitation(store: EmulatorStore, invitation: StoredInvitation, user: StoredUser, now: number): StoredMembership {
  if (!isPending(invitation, now)) throw invitationError('organization_invitation_not_pending', 'This invitation is no longer pending.');
  if (store.membership(user.id, invitation.organizationId)) {
    throw invitationError('already_a_member_in_organization', 'You are already a member of this organization.');
  }
  const membership = buildMembership(invitation.organizationId, user.id, invitation.role, now);
  store.update((data) => {
    data.memberships.push(membership);
    Object.assign(invitation, { status: 'accepted', acceptedUserId: user.id, updatedAt: now });
  });
  return membership;
}

export function buildMembership(organizationId: string, userId: string, role: OrganizationRoleKey, now: number): StoredMembership {
  return {
    id: newId('orgmem'),
    organizationId,
    userId,
    role,
    publicMetadata: {},
    privateMetadata: {},
    createdAt: now,
    updatedAt: now,
  };
}

/** `meta.email_addresses` is what <OrganizationProfile>'s invite form names in its message. */
function duplicateInvitation(emailAddresses: string[]): EmulatorError {
  const message = `${emailAddresses.join(', ')} already invited: an address has one pending invitation at a time.`;
  return new EmulatorError(422, 'duplicate_record', message, undefined, { email_addresses: emailAddresses });
}

function invitationError(code: string, message: string, status = 422): EmulatorError {
  return new EmulatorError(status, code, message);
}
