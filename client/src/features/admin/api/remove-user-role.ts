import { useAuth } from '@clerk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AdminUserSchema, type AdminUser } from '#shared/admin';
import { apiFetch } from '@/lib/api-client.ts';
import { useAdminCaller, type AdminCaller } from './admin-caller.ts';
import { adminUserKeys, replaceAdminUser } from './admin-user-keys.ts';

/** DELETE /api/admin/users/:id/role */
export function removeUserRole(caller: AdminCaller, userId: string): Promise<AdminUser> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(userId)}/role`, { schema: AdminUserSchema, ...caller, method: 'DELETE' });
}

export function useRemoveUserRole() {
  const { userId } = useAuth();
  const caller = useAdminCaller();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: adminUserKeys.removeRole(userId ?? null),
    mutationFn: (targetUserId: string) => removeUserRole(caller, targetUserId),
    onSuccess: (user) => replaceAdminUser(queryClient, userId ?? null, user),
  });
}
