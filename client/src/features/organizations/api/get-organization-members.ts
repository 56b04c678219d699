import { queryOptions, useQuery } from '@tanstack/react-query';
import { OrganizationMembersResponseSchema, type OrganizationMembersResponse } from '#shared/organizations';
import { useApi, type Api } from '@/lib/api-client.ts';

/** GET /api/orgs/:slug/members: for an org:admin with that organization active; 403 for anyone else. */
export function getOrganizationMembers(api: Api, slug: string, signal?: AbortSignal): Promise<OrganizationMembersResponse> {
  return api.request(`/api/orgs/${encodeURIComponent(slug)}/members`, { schema: OrganizationMembersResponseSchema, signal });
}

export function organizationMembersQueryOptions(api: Api, slug: string) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `api` is how to ask, not what is asked: the key carries its user and organization
  return queryOptions({
    // The answer depends on the asker and on the organization active in their token.
    queryKey: ['organization-members', api.userId, api.orgId, slug] as const,
    queryFn: ({ signal }) => getOrganizationMembers(api, slug, signal),
    enabled: Boolean(api.userId && api.orgId),
  });
}

export function useOrganizationMembers(slug: string) {
  return useQuery(organizationMembersQueryOptions(useApi(), slug));
}
