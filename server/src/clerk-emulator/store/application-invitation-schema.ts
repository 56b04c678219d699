import { z } from 'zod';

/**
 * An application invitation (Backend API `/v1/invitations`, store/application-invitations.ts), as the store keeps it:
 * an invitation to sign up to the application, with the public metadata the new user gets. Its ticket is derived
 * from it (tokens/tickets.ts), never stored; `url` is its email's link, with that ticket.
 */
export const StoredApplicationInvitationSchema = z.object({
  id: z.string(),
  emailAddress: z.string(),
  publicMetadata: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'accepted', 'revoked']),
  // Who signed up with it.
  acceptedUserId: z.string().optional(),
  url: z.string(),
  expiresAt: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

export type StoredApplicationInvitation = z.infer<typeof StoredApplicationInvitationSchema>;
