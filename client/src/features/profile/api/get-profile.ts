import { useAuth } from '@clerk/react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ProfileResponseSchema, type ProfileResponse } from '#shared/api-contracts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { profileQueryKey } from './profile-keys.ts';

/** GET /api/me/profile: the signed-in user as the API reads it from Clerk's Backend API. */
export function getProfile(getToken: TokenGetter, signal?: AbortSignal): Promise<ProfileResponse> {
  return apiFetch('/api/me/profile', { schema: ProfileResponseSchema, getToken, signal });
}

export function profileQueryOptions(userId: string | null | undefined, getToken: TokenGetter) {
  return queryOptions({
    queryKey: profileQueryKey(userId),
    queryFn: ({ signal }) => getProfile(getToken, signal),
    enabled: Boolean(userId),
  });
}

export function useProfile() {
  const { userId, getToken } = useAuth();
  return useQuery(profileQueryOptions(userId, getToken));
}
