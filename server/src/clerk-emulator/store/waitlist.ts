import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { createApplicationInvitations, isApplicationInvitationPending } from './application-invitations.ts';
import { newId } from './ids.ts';
import type { InvitationLinks } from './invitations.ts';
import type { EmulatorStore, StoreData, StoredWaitlistEntry } from './store.ts';

/**
 * Clerk's waitlist: `<Waitlist>` (Frontend API `POST /v1/waitlist`) and the Backend API's waitlist entries.
 * An address joins once: joining again answers its entry, as Clerk's spec says. Inviting creates an application
 * invitation, as Clerk does (store/application-invitations.ts; the entry's `invitation`), whose link goes to the
 * local inbox; signing up through it accepts the invitation and completes the entry. The statuses of refused
 * transitions are ours (not measured against Clerk).
 */

const Email = z.email();

/** The entry of this address, made if there is none; `created` says which. A bad address is 422 under `email_address`. */
export function joinWaitlist(store: EmulatorStore, rawAddress: string, now: number): { entry: StoredWaitlistEntry; created: boolean } {
  const emailAddress = rawAddress.trim().toLowerCase();
  if (!Email.safeParse(emailAddress).success) {
    const message = 'Enter a valid email address.';
    throw new EmulatorError(422, 'form_param_format_invalid', message, { email_address: [message] });
  }
  const existing = store.data.waitlistEntries.find((entry) => entry.emailAddress === emailAddress);
  if (existing) return { entry: existing, created: false };
  const entry: StoredWaitlistEntry = { id: newId('wle'), emailAddress, status: 'pending', invitedAt: null, createdAt: now, updatedAt: now };
  store.update((data) => data.waitlistEntries.push(entry));
  return { entry, created: true };
}

/**
 * Pending or rejected entries are invited; an invited one again only with `ignoreExisting`, as is an address that
 * already has an account ("claimed by another user"). A completed entry is not invited again. Each invite creates an
 * application invitation with the waitlist's email, linked to the entry.
 */
export function inviteWaitlistEntry(links: InvitationLinks, entry: StoredWaitlistEntry, ignoreExisting: boolean, now: number): StoredWaitlistEntry {
  if (entry.status === 'completed') throw conflict(entry, 'invite');
  if (!ignoreExisting && (entry.status === 'invited' || links.store.userByVerifiedEmail(entry.emailAddress))) {
    throw new EmulatorError(
      409,
      'duplicate_record',
      `${entry.emailAddress} is already invited or has an account; pass ignore_existing to invite again.`,
    );
  }
  const newInvitation = { emailAddress: entry.emailAddress, ignoreExisting, templateSlug: 'waitlist_invitation' as const };
  const [invitation] = createApplicationInvitations(links, [newInvitation], { bulk: false }, now);
  links.store.update(() => Object.assign(entry, { status: 'invited', invitedAt: now, invitationId: invitation!.id, updatedAt: now }));
  return entry;
}

/**
 * Pending and invited entries are rejected, and the pending invitation of an invited one is revoked with it (our
 * choice: its link no longer signs up, and inviting again needs no `ignore_existing`); a rejected one answers as it
 * is; a completed one cannot be.
 */
export function rejectWaitlistEntry(store: EmulatorStore, entry: StoredWaitlistEntry, now: number): StoredWaitlistEntry {
  if (entry.status === 'completed') throw conflict(entry, 'reject');
  if (entry.status === 'rejected') return entry;
  const invitation = entry.invitationId === undefined ? undefined : store.applicationInvitationById(entry.invitationId);
  store.update(() => {
    Object.assign(entry, { status: 'rejected', updatedAt: now });
    if (invitation && isApplicationInvitationPending(invitation, now)) Object.assign(invitation, { status: 'revoked', updatedAt: now });
  });
  return entry;
}

/** Only a pending entry is deleted ("Delete a pending waitlist entry"). Clerk's webhooks have no event for it. */
export function deleteWaitlistEntry(store: EmulatorStore, entry: StoredWaitlistEntry): void {
  if (entry.status !== 'pending') throw conflict(entry, 'delete');
  store.update((data) => {
    data.waitlistEntries = data.waitlistEntries.filter((candidate) => candidate.id !== entry.id);
  });
}

/**
 * An invited address signed up: its entry is `completed`, as Clerk's is when its invitation is accepted (here any
 * sign-up of the address does, through the invitation's link or not). Called inside the sign-up's own change, so its
 * webhook goes with it.
 */
export function completeWaitlistEntry(data: StoreData, emailAddress: string, now: number): void {
  const entry = data.waitlistEntries.find((candidate) => candidate.emailAddress === emailAddress && candidate.status === 'invited');
  if (entry) Object.assign(entry, { status: 'completed', updatedAt: now });
}

function conflict(entry: StoredWaitlistEntry, action: string): EmulatorError {
  return new EmulatorError(
    409,
    'waitlist_entry_status_invalid',
    `A ${entry.status} waitlist entry cannot be ${action === 'delete' ? 'deleted' : `${action}d`}.`,
  );
}
