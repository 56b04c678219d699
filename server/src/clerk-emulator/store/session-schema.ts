import { z } from 'zod';
import { Timestamp } from './stored-fields.ts';

/** Browsers (clients), their sessions, and the Backend API's sign-in tokens that start one, as the store keeps them. */
export const StoredClientSchema = z.object({
  id: z.string(),
  /** SHA-256 of the browser's client token; the token itself is never stored. */
  tokenHash: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The browser's last call (to the minute, see client-expiry.ts); absent in older stores, where updatedAt stands in. */
  lastActiveAt: Timestamp.optional(),
  /** The browser's User-Agent and address, for the active devices `<UserProfile>` lists (frontend-api/me-sessions-routes.ts). */
  userAgent: z.string().max(512).optional(),
  ipAddress: z.string().max(64).optional(),
});

export const StoredSessionSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  userId: z.string(),
  // `revoked`: signed out from another device (`<UserProfile>`'s active devices), by the Backend API, or by a ban.
  status: z.enum(['active', 'ended', 'revoked']),
  lastActiveOrganizationId: z.string().nullable(),
  lastActiveAt: Timestamp,
  expireAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A Backend API sign-in token (store/sign-in-tokens.ts): its ticket is derived from it, never stored. */
export const StoredSignInTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  /** The organization active in the session it starts (Clerk's `org_id`), or null for the personal account. */
  organizationId: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked']),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export type StoredClient = z.infer<typeof StoredClientSchema>;
export type StoredSession = z.infer<typeof StoredSessionSchema>;
export type StoredSignInToken = z.infer<typeof StoredSignInTokenSchema>;
