import { useUser } from '@clerk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProfileResponseSchema, type ProfilePatch, type ProfileResponse } from '#shared/api-contracts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { profileQueryOptions } from './get-profile.ts';

/** PATCH /api/me/profile: the API changes the name through Clerk's Backend API and answers the new profile. */
export function updateProfile(api: Api, patch: ProfilePatch): Promise<ProfileResponse> {
  return api.request('/api/me/profile', { schema: ProfileResponseSchema, method: 'PATCH', body: patch });
}

export function useUpdateProfile() {
  const api = useApi();
  const { user } = useUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['profile', api.userId, 'update'],
    mutationFn: (patch: ProfilePatch) => updateProfile(api, patch),
    onSuccess: async (profile) => {
      const { queryKey } = profileQueryOptions(api);
      // Shown at once, then confirmed by a refetch; only this user's profile is touched.
      queryClient.setQueryData(queryKey, profile);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey, exact: true }),
        // Clerk's copy of the user (header, account card) learns the new name from Clerk itself.
        // A failed reload only leaves it stale until the next load: the change itself succeeded.
        user?.reload().catch(() => undefined),
      ]);
    },
  });
}
