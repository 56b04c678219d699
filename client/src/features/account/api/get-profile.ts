import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ProfileResponseSchema, type ProfileResponse } from '#shared/api-contracts';
import { bindApi, useApi, type Api, type ApiCaller } from '@/lib/api-client.ts';
import { profileQueryKey } from './profile-keys.ts';

/**
 * GET /api/me/profile: the signed-in user as the API reads it from Clerk's
 * Backend API. `fresh` asks the API to bypass its short cache of Clerk's user
 * (`Cache-Control: no-cache`), for right after the user changed in Clerk.
 */
export function getProfile(api: Api, signal?: AbortSignal, fresh = false): Promise<ProfileResponse> {
  return api.request('/api/me/profile', { schema: ProfileResponseSchema, signal, fresh });
}

export function profileQueryOptions(api: Api) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `api` is how to ask, not what is asked: the key carries its user and organization
  return queryOptions({
    queryKey: profileQueryKey(api.userId),
    queryFn: ({ signal }) => getProfile(api, signal),
    enabled: Boolean(api.userId),
  });
}

/** The profile as Clerk has it now, into the query cache (see RefreshProfileOnUserUpdate, outside any feature). */
export function refetchFreshProfile(queryClient: QueryClient, caller: ApiCaller): Promise<unknown> {
  const api = bindApi(caller);
  const { queryKey } = profileQueryOptions(api);
  return queryClient.query({ queryKey, queryFn: ({ signal }) => getProfile(api, signal, true), staleTime: 0 });
}

export function useProfile() {
  return useQuery(profileQueryOptions(useApi()));
}
