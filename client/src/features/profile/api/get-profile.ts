import { useAuth } from '@clerk/react';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ProfileResponseSchema, type ProfileResponse } from '#shared/api-contracts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { profileQueryKey } from './profile-keys.ts';

/**
 * GET /api/me/profile: the signed-in user as the API reads it from Clerk's
 * Backend API. `fresh` asks the API to bypass its short cache of Clerk's user
 * (`Cache-Control: no-cache`), for right after the user changed in Clerk.
 */
export function getProfile(getToken: TokenGetter, signal?: AbortSignal, fresh = false): Promise<ProfileResponse> {
  return apiFetch('/api/me/profile', { schema: ProfileResponseSchema, getToken, signal, fresh });
}

export function profileQueryOptions(userId: string | null | undefined, getToken: TokenGetter) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- getToken is how to ask, not what is asked: the key carries the user
  return queryOptions({
    queryKey: profileQueryKey(userId),
    queryFn: ({ signal }) => getProfile(getToken, signal),
    enabled: Boolean(userId),
  });
}

/** The profile as Clerk has it now, into the query cache (see RefreshProfileOnUserUpdate). */
export function refetchFreshProfile(queryClient: QueryClient, userId: string, getToken: TokenGetter): Promise<unknown> {
  const { queryKey } = profileQueryOptions(userId, getToken);
  return queryClient.query({ queryKey, queryFn: ({ signal }) => getProfile(getToken, signal, true), staleTime: 0 });
}

export function useProfile() {
  const { userId, getToken } = useAuth();
  return useQuery(profileQueryOptions(userId, getToken));
}
