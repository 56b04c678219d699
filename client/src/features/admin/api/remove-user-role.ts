import { useAuth } from '@clerk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AdminUserSchema, type AdminUser } from '#shared/admin';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { adminUserKeys, replaceAdminUser } from './admin-user-keys.ts';

/** DELETE /api/admin/users/:id/role */
export function removeUserRole(getToken: TokenGetter, userId: string): Promise<AdminUser> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(userId)}/role`, { schema: AdminUserSchema, getToken, method: 'DELETE' });
}

export function useRemoveUserRole() {
  const { userId, getToken } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: adminUserKeys.removeRole(userId ?? null),
    mutationFn: (targetUserId: string) => removeUserRole(getToken, targetUserId),
    onSuccess: (user) => replaceAdminUser(queryClient, userId ?? null, user),
  });
}
