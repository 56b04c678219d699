import { z } from 'zod';
import { Timestamp } from './stored-fields.ts';

/** An address on the waitlist (store/waitlist.ts). */
export const StoredWaitlistEntrySchema = z.object({
  id: z.string(),
  emailAddress: z.string(),
  status: z.enum(['pending', 'invited', 'rejected', 'completed']),
  /** When it was last invited (Backend API `order_by=invited_at`); null until then. */
  invitedAt: Timestamp.nullable(),
  /** The application invitation its last invite created; absent until invited, and in older stores. */
  invitationId: z.string().optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export type StoredWaitlistEntry = z.infer<typeof StoredWaitlistEntrySchema>;
