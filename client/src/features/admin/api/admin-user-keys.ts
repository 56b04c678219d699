import type { QueryClient } from '@tanstack/react-query';
import type { AdminUser, AdminUserPage, ValidAdminUserSearchQuery } from '#shared/admin';

type Id = string | null;

/** The admin's searches: who searches is part of the key (only an admin may, and caches never mix users). */
export const adminUserKeys = {
  searches: (userId: Id) => ['admin-users', userId] as const,
  search: (userId: Id, search: ValidAdminUserSearchQuery) => ['admin-users', userId, search] as const,
  setRole: (userId: Id) => ['admin-users', userId, 'set-role'] as const,
  removeRole: (userId: Id) => ['admin-users', userId, 'remove-role'] as const,
};

/**
 * A user whose role changed, in every cached search page: the API answered
 * the user as saved, so the visible row updates without a refetch. The pages
 * are then marked stale (not refetched now), so the next look asks again.
 */
export async function replaceAdminUser(queryClient: QueryClient, userId: Id, changed: AdminUser): Promise<void> {
  queryClient.setQueriesData<AdminUserPage>(
    { queryKey: adminUserKeys.searches(userId) },
    (page) => page && { ...page, users: page.users.map((user) => (user.id === changed.id ? changed : user)) },
  );
  await queryClient.invalidateQueries({ queryKey: adminUserKeys.searches(userId), refetchType: 'none' });
}
