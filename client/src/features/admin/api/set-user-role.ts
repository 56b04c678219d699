import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AdminUserSchema, type AdminUser } from '#shared/admin';
import type { Roles } from '#shared/session-claims';
import { useApi, type Api } from '@/lib/api-client.ts';
import { adminUserKeys, replaceAdminUser } from './admin-user-keys.ts';

export interface SetUserRoleVariables {
  userId: string;
  role: Roles;
}

/** PUT /api/admin/users/:id/role */
export function setUserRole(api: Api, { userId, role }: SetUserRoleVariables): Promise<AdminUser> {
  return api.request(`/api/admin/users/${encodeURIComponent(userId)}/role`, { schema: AdminUserSchema, method: 'PUT', body: { role } });
}

export function useSetUserRole() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: adminUserKeys.setRole(api.userId),
    mutationFn: (variables: SetUserRoleVariables) => setUserRole(api, variables),
    onSuccess: (user) => replaceAdminUser(queryClient, api.userId, user),
  });
}
