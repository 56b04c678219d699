import { z } from 'zod';
import { StoredApplicationInvitationSchema } from './application-invitation-schema.ts';
import { StoredInvitationSchema, StoredMembershipSchema, StoredOrganizationSchema } from './organization-schema.ts';
import { StoredClientSchema, StoredSessionSchema, StoredSignInTokenSchema } from './session-schema.ts';
import { StoredEmailCodeSchema, StoredUserSchema } from './user-schema.ts';
import { StoredWaitlistEntrySchema } from './waitlist-schema.ts';

/**
 * Everything the Clerk emulator knows, as its store file holds it (store-file.ts).
 * Collections added after the first version default to empty, so older files still load.
 */
export const StoreDataSchema = z.object({
  version: z.literal(1),
  users: z.array(StoredUserSchema),
  organizations: z.array(StoredOrganizationSchema),
  memberships: z.array(StoredMembershipSchema),
  clients: z.array(StoredClientSchema),
  sessions: z.array(StoredSessionSchema),
  // Absent in stores written before invitations were emulated.
  invitations: z.array(StoredInvitationSchema).default([]),
  // Absent from stores written before email addresses could be added.
  emailCodes: z.array(StoredEmailCodeSchema).default([]),
  // Absent from stores written before sign-in tokens were emulated.
  signInTokens: z.array(StoredSignInTokenSchema).default([]),
  // Absent from stores written before the waitlist was emulated.
  waitlistEntries: z.array(StoredWaitlistEntrySchema).default([]),
  // Absent from stores written before application invitations were emulated.
  applicationInvitations: z.array(StoredApplicationInvitationSchema).default([]),
});

export type StoreData = z.infer<typeof StoreDataSchema>;

export function emptyStoreData(): StoreData {
  return {
    version: 1,
    users: [],
    organizations: [],
    memberships: [],
    clients: [],
    sessions: [],
    invitations: [],
    emailCodes: [],
    signInTokens: [],
    waitlistEntries: [],
    applicationInvitations: [],
  };
}
