import { ERROR_CODES } from '#shared/api-error';
import type { OrganizationMember, OrganizationMembersResponse } from '#shared/organizations';
import { notOrganizationAdmin, requireOrganizationAdmin } from './organization-access.ts';
import type { DirectoryMember, OrganizationDirectory } from './organization-directory.ts';
import { HttpError } from '../common/http-error.ts';
import type { Caller } from '../common/caller.ts';

/** One page is enough for the members screen; `totalCount` tells the SPA when there are more. */
export const ORGANIZATION_MEMBERS_LIMIT = 100;

export async function listOrganizationMembers(
  organizations: OrganizationDirectory,
  caller: Caller,
  slug: string,
): Promise<OrganizationMembersResponse> {
  requireOrganizationAdmin(caller, slug);
  const organization = await organizations.findBySlug(slug);
  if (!organization) throw organizationNotFound();
  // Slugs can be renamed and reused; the token names its organization by id
  // too, and an admin of the old holder of a slug is no admin of the new one.
  if (organization.id !== caller.orgId) throw notOrganizationAdmin();
  const page = await organizations.listMembers(organization.id, ORGANIZATION_MEMBERS_LIMIT);
  // Deleted between the two calls.
  if (!page) throw organizationNotFound();
  return { organization, members: page.members.map(toOrganizationMember), totalCount: page.totalCount };
}

function toOrganizationMember(member: DirectoryMember): OrganizationMember {
  const { userId, fullName, primaryEmail, imageUrl, role, joinedAt } = member;
  return { userId, fullName, primaryEmail, imageUrl, role, joinedAt: joinedAt.toISOString() };
}

function organizationNotFound(): HttpError {
  return new HttpError(404, ERROR_CODES.notFound, 'No organization with this slug.');
}
