import { z } from 'zod';
import type { OrganizationRoleKey } from './organization-roles.ts';

/**
 * Organization pages. `/orgs/:slug/...` in the SPA activates that organization
 * (as `clerkMiddleware`'s organizationSyncOptions does for server-rendered
 * apps); the API reads the active organization from the token only.
 */
export const ORG_ADMIN_ROLE = 'org:admin' satisfies OrganizationRoleKey;

/**
 * May the caller manage organization `slug` (list its members)? An `org:admin` of it, with it active in the token:
 * decided from the token alone. The API's guard and the SPA's mock of it read this one rule.
 */
export function isActiveOrganizationAdmin(caller: { orgId: string | null; orgSlug: string | null; orgRole: string | null }, slug: string): boolean {
  return caller.orgId !== null && caller.orgSlug === slug && caller.orgRole === ORG_ADMIN_ROLE;
}

/** Clerk organization slugs: lowercase letters, digits and dashes. */
export const OrganizationSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Not an organization slug');

export const OrganizationMemberSchema = z.object({
  userId: z.string(),
  fullName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  imageUrl: z.string(),
  /** Clerk's role key, e.g. `org:admin`, `org:member`. */
  role: z.string(),
  joinedAt: z.iso.datetime(),
});
export type OrganizationMember = z.infer<typeof OrganizationMemberSchema>;

/**
 * GET /api/orgs/:slug/members: for an `org:admin` of that organization, with
 * it active in the token. Anyone else (another organization active, a plain
 * member, no organization) gets a 403; signed out, a 401.
 */
export const OrganizationMembersResponseSchema = z.object({
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  members: z.array(OrganizationMemberSchema),
  totalCount: z.number().int().min(0),
});
export type OrganizationMembersResponse = z.infer<typeof OrganizationMembersResponseSchema>;
