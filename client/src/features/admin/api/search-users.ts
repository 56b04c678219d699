import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { AdminUserPageSchema, type AdminUserPage, type ValidAdminUserSearchQuery } from '#shared/admin';
import { useApi, type Api } from '@/lib/api-client.ts';
import { adminUserKeys } from './admin-user-keys.ts';

/**
 * GET /api/admin/users: app admins only (403 for anyone else). The API decides
 * with the caller's current role, which can be newer than their token's: on a
 * 403 the API client retries with a fresh token and reloads the user, so a
 * demoted admin's UI drops the admin parts at once instead of within a minute.
 */
export function searchUsers(api: Api, search: ValidAdminUserSearchQuery, signal?: AbortSignal): Promise<AdminUserPage> {
  const params = new URLSearchParams({ query: search.query, limit: String(search.limit), offset: String(search.offset) });
  return api.request(`/api/admin/users?${params}`, { schema: AdminUserPageSchema, signal });
}

export function adminUsersQueryOptions(api: Api, search: ValidAdminUserSearchQuery | null) {
  const valid = search ?? { query: '', limit: 0, offset: 0 };
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the caller's token source is how to ask, not what is asked: the key carries the user
  return queryOptions({
    queryKey: adminUserKeys.search(api.userId, valid),
    queryFn: ({ signal }) => searchUsers(api, valid, signal),
    // An invalid search (too long, control characters) is never sent.
    enabled: Boolean(api.userId) && search !== null,
    // The previous page stays on screen while the next one loads: paging does not flash a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useAdminUsers(search: ValidAdminUserSearchQuery | null) {
  return useQuery(adminUsersQueryOptions(useApi(), search));
}
