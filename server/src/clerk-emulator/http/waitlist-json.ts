import type { EmulatorStore, StoredWaitlistEntry } from '../store/store.ts';
import { applicationInvitationJson } from './application-invitation-json.ts';

/** Clerk's waitlist entry, as the Backend API and the webhooks send it, with the application invitation its invite created. */
export function waitlistEntryJson(entry: StoredWaitlistEntry, store: EmulatorStore, now: number) {
  const invitation = entry.invitationId === undefined ? undefined : store.applicationInvitationById(entry.invitationId);
  return {
    object: 'waitlist_entry' as const,
    id: entry.id,
    email_address: entry.emailAddress,
    status: entry.status,
    is_locked: false,
    invitation: invitation ? applicationInvitationJson(invitation, now) : null,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  };
}
