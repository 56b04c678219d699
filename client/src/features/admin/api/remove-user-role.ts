import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AdminUserSchema, type AdminUser } from '#shared/admin';
import { useApi, type Api } from '@/lib/api-client.ts';
import { adminUserKeys, replaceAdminUser } from './admin-user-keys.ts';

/** DELETE /api/admin/users/:id/role */
export function removeUserRole(api: Api, userId: string): Promise<AdminUser> {
  return api.request(`/api/admin/users/${encodeURIComponent(userId)}/role`, { schema: AdminUserSchema, method: 'DELETE' });
}

export function useRemoveUserRole() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: adminUserKeys.removeRole(api.userId),
    mutationFn: (targetUserId: string) => removeUserRole(api, targetUserId),
    onSuccess: (user) => replaceAdminUser(queryClient, api.userId, user),
  });
}
