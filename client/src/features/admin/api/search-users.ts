import { useAuth } from '@clerk/react';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { AdminUserPageSchema, type AdminUserPage, type ValidAdminUserSearchQuery } from '#shared/admin';
import { apiFetch } from '@/lib/api-client.ts';
import { useAdminCaller, type AdminCaller } from './admin-caller.ts';
import { adminUserKeys } from './admin-user-keys.ts';

/** GET /api/admin/users: app admins only (403 for anyone else). */
export function searchUsers(caller: AdminCaller, search: ValidAdminUserSearchQuery, signal?: AbortSignal): Promise<AdminUserPage> {
  const params = new URLSearchParams({ query: search.query, limit: String(search.limit), offset: String(search.offset) });
  return apiFetch(`/api/admin/users?${params}`, { schema: AdminUserPageSchema, ...caller, signal });
}

export function adminUsersQueryOptions(userId: string | null | undefined, search: ValidAdminUserSearchQuery | null, caller: AdminCaller) {
  const valid = search ?? { query: '', limit: 0, offset: 0 };
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the caller's token source is how to ask, not what is asked: the key carries the user
  return queryOptions({
    queryKey: adminUserKeys.search(userId ?? null, valid),
    queryFn: ({ signal }) => searchUsers(caller, valid, signal),
    // An invalid search (too long, control characters) is never sent.
    enabled: Boolean(userId) && search !== null,
    // The previous page stays on screen while the next one loads: paging does not flash a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useAdminUsers(search: ValidAdminUserSearchQuery | null) {
  const { userId } = useAuth();
  return useQuery(adminUsersQueryOptions(userId, search, useAdminCaller()));
}
