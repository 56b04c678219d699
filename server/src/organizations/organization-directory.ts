import type { ClerkClient, Organization, OrganizationMembership } from '@clerk/express';
import { BACKEND_API_BUDGET_MS, callBackendApi, upstreamUnavailable } from '../clerk-backend/backend-call.ts';

/** An organization as the app may use it: never its private metadata. */
export interface DirectoryOrganization {
  id: string;
  slug: string;
  name: string;
}

/** A member, from the membership's public user data only (what Clerk shows to fellow members). */
export interface DirectoryMember {
  userId: string;
  fullName: string | null;
  primaryEmail: string | null;
  imageUrl: string;
  /** Clerk's role key, e.g. `org:admin`. */
  role: string;
  joinedAt: Date;
}

export interface MemberPage {
  members: DirectoryMember[];
  /** Every member of the organization, across pages. */
  totalCount: number;
}

/** Both methods answer null where Clerk does not know the organization. */
export interface OrganizationDirectory {
  findBySlug(slug: string): Promise<DirectoryOrganization | null>;
  /** Newest members first (Clerk's default order), at most `limit`. */
  listMembers(organizationId: string, limit: number): Promise<MemberPage | null>;
}

/** The door to Clerk's Backend API for organizations, with the same timeout and failure mapping as users. */
export function createOrganizationDirectory(clerkClient: ClerkClient, options: { timeoutMs?: number } = {}): OrganizationDirectory {
  const timeoutMs = options.timeoutMs ?? BACKEND_API_BUDGET_MS;
  return {
    async findBySlug(slug) {
      const organization = await callBackendApi(() => clerkClient.organizations.getOrganization({ slug }), timeoutMs);
      return organization === null ? null : toDirectoryOrganization(organization);
    },
    async listMembers(organizationId, limit) {
      const call = () => clerkClient.organizations.getOrganizationMembershipList({ organizationId, limit });
      const page = await callBackendApi(call, timeoutMs);
      if (page === null) return null;
      if (!Array.isArray(page.data) || typeof page.totalCount !== 'number') throw notWhatWasAsked('a membership list');
      return { members: page.data.map(toDirectoryMember), totalCount: page.totalCount };
    },
  };
}

// The SDK types the Backend API's answers; these two check them anyway, so a
// surprising answer is a clear 502 rather than a TypeError further on.
/* eslint-disable @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-unsafe-class-instance-assignment -- see above */
function toDirectoryOrganization(organization: Organization): DirectoryOrganization {
  const { id, slug, name } = organization ?? {};
  if (typeof id !== 'string' || typeof slug !== 'string' || typeof name !== 'string') throw notWhatWasAsked('an organization');
  return { id, slug, name };
}

function toDirectoryMember(membership: OrganizationMembership): DirectoryMember {
  const user = membership?.publicUserData;
  if (typeof user?.userId !== 'string' || typeof membership.role !== 'string' || typeof membership.createdAt !== 'number') {
    throw notWhatWasAsked('a membership');
  }
  return {
    userId: user.userId,
    // As Clerk's own User.fullName builds it.
    fullName: [user.firstName, user.lastName].join(' ').trim() || null,
    // The identifier is the user's primary one: an email address when they
    // have one, otherwise a phone number or username, which is not an email.
    primaryEmail: user.identifier?.includes('@') ? user.identifier : null,
    imageUrl: user.imageUrl ?? '',
    role: membership.role,
    joinedAt: new Date(membership.createdAt),
  };
}
/* eslint-enable @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-unsafe-class-instance-assignment */

function notWhatWasAsked(what: string) {
  return upstreamUnavailable(new Error(`The Backend API answered with something that is not ${what}`));
}
