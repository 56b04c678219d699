import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { waitlistInvitationEmail, type Inbox } from '../mail/inbox.ts';
import { newId } from './ids.ts';
import { LOCAL_APP_SIGN_UP_PATH } from '#shared/local-clerk';
import type { EmulatorStore, StoreData, StoredWaitlistEntry } from './store.ts';

/**
 * Clerk's waitlist: `<Waitlist>` (Frontend API `POST /v1/waitlist`) and the Backend API's waitlist entries.
 * An address joins once: joining again answers its entry, as Clerk's spec says. Inviting marks the entry `invited`
 * and sends the app's sign-up link to the local inbox; Clerk would also create an application invitation, which the
 * emulator does not have (`invitation` stays null). The statuses of refused transitions are ours (not measured against Clerk).
 */
export interface WaitlistLinks {
  store: EmulatorStore;
  inbox: Inbox;
  issuer: string;
  authorizedParties: readonly string[];
}

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
 * already has an account ("claimed by another user"). A completed entry is not invited again.
 */
export function inviteWaitlistEntry(links: WaitlistLinks, entry: StoredWaitlistEntry, ignoreExisting: boolean, now: number): StoredWaitlistEntry {
  if (entry.status === 'completed') throw conflict(entry, 'invite');
  if (!ignoreExisting && (entry.status === 'invited' || links.store.userByVerifiedEmail(entry.emailAddress))) {
    throw new EmulatorError(
      409,
      'duplicate_record',
      `${entry.emailAddress} is already invited or has an account; pass ignore_existing to invite again.`,
    );
  }
  links.store.update(() => Object.assign(entry, { status: 'invited', invitedAt: now, updatedAt: now }));
  const appOrigin = links.authorizedParties[0] ?? links.issuer;
  links.inbox.send(waitlistInvitationEmail(entry.emailAddress, `${appOrigin}${LOCAL_APP_SIGN_UP_PATH}`), now);
  return entry;
}

/** Pending and invited entries are rejected; a rejected one answers as it is; a completed one cannot be. */
export function rejectWaitlistEntry(store: EmulatorStore, entry: StoredWaitlistEntry, now: number): StoredWaitlistEntry {
  if (entry.status === 'completed') throw conflict(entry, 'reject');
  if (entry.status !== 'rejected') store.update(() => Object.assign(entry, { status: 'rejected', updatedAt: now }));
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
 * An invited address signed up: its entry is `completed`, as Clerk's is when its invitation is accepted (here the
 * sign-up itself stands in for the invitation). Called inside the sign-up's own change, so its webhook goes with it.
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
