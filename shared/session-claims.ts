import { z } from 'zod';

/**
 * App-wide roles. They live in a user's `publicMetadata.role` and reach the API
 * as the custom session claim `metadata.role` (a session token customization in
 * the Clerk dashboard: `{ "metadata": "{{user.public_metadata}}" }`).
 */
export const ROLES = ['admin', 'moderator'] as const;
export const RoleSchema = z.enum(ROLES);
export type Roles = z.infer<typeof RoleSchema>;

export const PublicMetadataSchema = z.looseObject({ role: RoleSchema.optional() });
export type AppPublicMetadata = z.infer<typeof PublicMetadataSchema>;

/** The custom claims this app adds to Clerk's session token. */
export interface AppSessionClaims {
  metadata?: { role?: Roles };
}

/** Reads the app role from verified session claims; anything unexpected is no role. */
export function roleFromClaims(claims: unknown): Roles | null {
  const parsed = z
    .object({ metadata: z.object({ role: RoleSchema }) })
    .safeParse(claims);
  return parsed.success ? parsed.data.metadata.role : null;
}

declare global {
  // Clerk merges this into the session claims type of @clerk/react and @clerk/express.
  interface CustomJwtSessionClaims extends AppSessionClaims {}
  interface UserPublicMetadata {
    role?: Roles;
  }
}
