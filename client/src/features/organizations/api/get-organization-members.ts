import { useAuth } from '@clerk/react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { OrganizationMembersResponseSchema, type OrganizationMembersResponse } from '#shared/organizations';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';

/** GET /api/orgs/:slug/members: for an org:admin with that organization active; 403 for anyone else. */
export function getOrganizationMembers(getToken: TokenGetter, slug: string, signal?: AbortSignal): Promise<OrganizationMembersResponse> {
  return apiFetch(`/api/orgs/${encodeURIComponent(slug)}/members`, { schema: OrganizationMembersResponseSchema, getToken, signal });
}

export interface OrganizationMembersInput {
  userId: string | null | undefined;
  orgId: string | null | undefined;
  slug: string;
}

export function organizationMembersQueryOptions({ userId, orgId, slug }: OrganizationMembersInput, getToken: TokenGetter) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- getToken is how to ask, not what is asked: the key carries the user
  return queryOptions({
    // The answer depends on the asker and on the organization active in their token.
    queryKey: ['organization-members', userId ?? null, orgId ?? null, slug] as const,
    queryFn: ({ signal }) => getOrganizationMembers(getToken, slug, signal),
    enabled: Boolean(userId && orgId),
  });
}

export function useOrganizationMembers(slug: string) {
  const { userId, orgId, getToken } = useAuth();
  return useQuery(organizationMembersQueryOptions({ userId, orgId, slug }, getToken));
}
