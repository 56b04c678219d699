import type { StoredWaitlistEntry } from '../store/store.ts';
/** Clerk's waitlist entry, as the Backend API and the webhooks send it. */
export function waitlistEntryJson(entry: StoredWaitlistEntry) {
  return {
    object: 'waitlist_entry' as const,
    id: entry.id,
    email_address: entry.emailAddress,
    status: entry.status,
    is_locked: false,
    // Clerk's application invitation, which the emulator does not create.
    invitation: null,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  };
}
