import { useAuth } from '@clerk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AdminUserSchema, type AdminUser } from '#shared/admin';
import type { Roles } from '#shared/session-claims';
import { apiFetch } from '@/lib/api-client.ts';
import { useAdminCaller, type AdminCaller } from './admin-caller.ts';
import { adminUserKeys, replaceAdminUser } from './admin-user-keys.ts';

export interface SetUserRoleVariables {
  userId: string;
  role: Roles;
}

/** PUT /api/admin/users/:id/role */
export function setUserRole(caller: AdminCaller, { userId, role }: SetUserRoleVariables): Promise<AdminUser> {
  return apiFetch(`/api/admin/users/${encodeURIComponent(userId)}/role`, {
    schema: AdminUserSchema,
    ...caller,
    method: 'PUT',
    body: { role },
  });
}

export function useSetUserRole() {
  const { userId } = useAuth();
  const caller = useAdminCaller();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: adminUserKeys.setRole(userId ?? null),
    mutationFn: (variables: SetUserRoleVariables) => setUserRole(caller, variables),
    onSuccess: (user) => replaceAdminUser(queryClient, userId ?? null, user),
  });
}
