import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { applicationInvitationEmail, waitlistInvitationEmail } from '../mail/inbox.ts';
import { applicationInvitationIdOfTicket, applicationInvitationTicket, expiredTicket, invalidTicket } from '../tokens/tickets.ts';
import { newId } from './ids.ts';
import { INVITATION_LIFETIME_DAYS, invitationUrl, type InvitationLinks } from './invitations.ts';
import type { EmulatorStore, StoreData, StoredApplicationInvitation } from './store.ts';

/**
 * Application invitations (Backend API `/v1/invitations`, `clerkClient.invitations`): an invitation to sign up. Its
 * link carries a ticket (tokens/tickets.ts) that verifies the address at sign-up, with no code; the new user gets the
 * invitation's public metadata and the invitation is accepted. The refusals are Clerk's documented errors (its Backend
 * API error index): a pending invitation to the address is 400 `duplicate_record`, naming the addresses in
 * `meta.email_addresses`; an address with an account is 422 `form_identifier_exists`. `ignore_existing` passes both,
 * except in bulk, where an account is never passed over ("this rule cannot be bypassed", Clerk's spec).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const Email = z.email();

export interface NewApplicationInvitation {
  emailAddress: string;
  publicMetadata?: Record<string, unknown> | null | undefined;
  redirectUrl?: string | null | undefined;
  /** Whether its email goes out (to the local inbox); Clerk's default is true. */
  notify?: boolean | null | undefined;
  ignoreExisting?: boolean | null | undefined;
  expiresInDays?: number | null | undefined;
  /** Clerk's `template_slug`: the email a waitlist invite sends is the waitlist's. */
  templateSlug?: 'invitation' | 'waitlist_invitation' | undefined;
}

/** Invites each address in one change, or none when one is refused. `bulk`: an address with an account is refused even with `ignore_existing`. */
export function createApplicationInvitations(
  links: InvitationLinks,
  inputs: readonly NewApplicationInvitation[],
  options: { bulk: boolean },
  now: number,
): StoredApplicationInvitation[] {
  const { store, inbox } = links;
  const normalized = inputs.map((input) => ({ ...input, emailAddress: checkedAddress(input.emailAddress) }));
  const addresses = normalized.map((input) => input.emailAddress);
  const repeated = addresses.filter((address, index) => addresses.indexOf(address) !== index);
  if (repeated.length > 0) throw duplicateInvitations(repeated);
  for (const input of normalized) {
    if (store.userByVerifiedEmail(input.emailAddress) && (options.bulk || !input.ignoreExisting)) throw addressTaken(input.emailAddress);
  }
  const invited = normalized
    .filter((input) => !input.ignoreExisting && pendingInvitationOf(store, input.emailAddress, now))
    .map((i) => i.emailAddress);
  if (invited.length > 0) throw duplicateInvitations(invited);
  const invitations = normalized.map((input) => buildInvitation(links, input, now));
  store.update((data) => data.applicationInvitations.push(...invitations));
  normalized.forEach((input, index) => {
    const { emailAddress, url } = invitations[index]!;
    if (input.notify === false) return;
    const email =
      input.templateSlug === 'waitlist_invitation' ? waitlistInvitationEmail(emailAddress, url) : applicationInvitationEmail(emailAddress, url);
    inbox.send(email, now);
  });
  return invitations;
}

function buildInvitation(links: InvitationLinks, input: NewApplicationInvitation, now: number): StoredApplicationInvitation {
  const id = newId('inv');
  const expiresAt = now + (input.expiresInDays ?? INVITATION_LIFETIME_DAYS) * DAY_MS;
  const ticket = applicationInvitationTicket({ id, createdAt: now, expiresAt }, links.keys, links.issuer);
  const hasAccount = links.store.userByVerifiedEmail(input.emailAddress) !== undefined;
  return {
    id,
    emailAddress: input.emailAddress,
    publicMetadata: structuredClone(input.publicMetadata ?? {}),
    status: 'pending',
    url: invitationUrl(links, input.redirectUrl ?? undefined, ticket, hasAccount),
    expiresAt,
    createdAt: now,
    updatedAt: now,
  };
}

function checkedAddress(raw: string): string {
  const emailAddress = raw.trim().toLowerCase();
  if (!Email.safeParse(emailAddress).success) {
    const message = 'email_address must be a valid email address.';
    throw new EmulatorError(422, 'form_param_format_invalid', message, { email_address: [message] });
  }
  return emailAddress;
}

/** Pending and not past its expiry: the only invitations whose ticket works. */
export function isApplicationInvitationPending(invitation: StoredApplicationInvitation, now: number): boolean {
  return invitation.status === 'pending' && invitation.expiresAt > now;
}

/** Clerk's status, with `expired` derived from the clock. */
export function applicationInvitationStatus(invitation: StoredApplicationInvitation, now: number): StoredApplicationInvitation['status'] | 'expired' {
  return invitation.status === 'pending' && invitation.expiresAt <= now ? 'expired' : invitation.status;
}

function pendingInvitationOf(store: EmulatorStore, emailAddress: string, now: number): StoredApplicationInvitation | undefined {
  return store.data.applicationInvitations.find(
    (invitation) => invitation.emailAddress === emailAddress && isApplicationInvitationPending(invitation, now),
  );
}

/** A revoked or accepted invitation stays as it is: Clerk's `invitation_already_revoked` / `invitation_already_accepted`, 400. */
export function revokeApplicationInvitation(store: EmulatorStore, invitation: StoredApplicationInvitation, now: number): StoredApplicationInvitation {
  if (invitation.status === 'revoked') throw new EmulatorError(400, 'invitation_already_revoked', 'Invitation is already revoked.');
  if (invitation.status === 'accepted') {
    throw new EmulatorError(400, 'invitation_already_accepted', 'Invitation is already accepted, try signing in instead.');
  }
  store.update(() => Object.assign(invitation, { status: 'revoked', updatedAt: now }));
  return invitation;
}

/** The pending invitation a ticket names; used, revoked or forged is `ticket_invalid_code`, past its expiry `ticket_expired_code`. */
export function applicationInvitationOfTicket(store: EmulatorStore, keys: InvitationLinks['keys'], ticket: string, now: number) {
  return ticketApplicationInvitation(store, applicationInvitationIdOfTicket(ticket, keys, now), now);
}

/** The invitation of a ticket taken earlier, checked again when it is used: it may have been accepted or revoked since. */
export function ticketApplicationInvitation(store: EmulatorStore, invitationId: string, now: number): StoredApplicationInvitation {
  const invitation = store.applicationInvitationById(invitationId);
  if (invitation && applicationInvitationStatus(invitation, now) === 'expired') throw expiredTicket();
  if (!invitation || !isApplicationInvitationPending(invitation, now)) throw invalidTicket();
  return invitation;
}

/** Called inside the change that creates or signs in its user, so the invitation and the user change together. */
export function acceptApplicationInvitation(data: StoreData, invitationId: string, userId: string, now: number): void {
  const invitation = data.applicationInvitations.find((candidate) => candidate.id === invitationId);
  if (invitation) Object.assign(invitation, { status: 'accepted', acceptedUserId: userId, updatedAt: now });
}

function duplicateInvitations(emailAddresses: string[]): EmulatorError {
  const message = `There are already pending invitations for the following email addresses: ${emailAddresses.join(', ')}`;
  return new EmulatorError(400, 'duplicate_record', message, undefined, { email_addresses: emailAddresses });
}

function addressTaken(emailAddress: string): EmulatorError {
  const message = `${emailAddress} already belongs to a user of this application.`;
  return new EmulatorError(422, 'form_identifier_exists', message, { email_address: [message] });
}
