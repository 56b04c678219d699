// zod/mini, not zod: the SPA reads the role in its header, in the first
// JavaScript a visitor loads, and zod/mini tree-shakes to a few KB. Its schemas
// compose with zod's (`z.nullable(RoleSchema)` in the contracts).
import { z } from 'zod/mini';

/**
 * App-wide roles. They live in a user's `publicMetadata.role` and reach the API
 * as the custom session claim `metadata.role` (a session token customization in
 * the Clerk dashboard: `{ "metadata": "{{user.public_metadata}}" }`).
 */
export const ROLES = ['admin', 'moderator'] as const;
export const RoleSchema = z.enum(ROLES);
export type Roles = z.infer<typeof RoleSchema>;

export const PublicMetadataSchema = z.looseObject({ role: z.optional(RoleSchema) });
export type AppPublicMetadata = z.infer<typeof PublicMetadataSchema>;

/** The custom claims this app adds to Clerk's session token. */
export interface AppSessionClaims {
  metadata?: { role?: Roles };
}

const RoleClaimSchema = z.object({ metadata: z.object({ role: RoleSchema }) });

/** Reads the app role from verified session claims; anything unexpected is no role. */
export function roleFromClaims(claims: unknown): Roles | null {
  const parsed = RoleClaimSchema.safeParse(claims);
  return parsed.success ? parsed.data.metadata.role : null;
}

declare global {
  // Clerk merges this into the session claims type of @clerk/react and @clerk/express.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: Clerk reads its claims type from this interface
  interface CustomJwtSessionClaims extends AppSessionClaims {}
  interface UserPublicMetadata {
    role?: Roles;
  }
}
