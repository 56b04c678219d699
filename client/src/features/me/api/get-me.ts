import { useAuth } from '@clerk/react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { MeResponseSchema, type MeResponse } from '#shared/api-contracts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { meQueryKey } from './me-keys.ts';

/** GET /api/me: what the API read from the verified session token. */
export function getMe(getToken: TokenGetter, signal?: AbortSignal): Promise<MeResponse> {
  return apiFetch('/api/me', { schema: MeResponseSchema, getToken, signal });
}

export function meQueryOptions(userId: string | null | undefined, getToken: TokenGetter) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- getToken is how to ask, not what is asked: the key carries the user
  return queryOptions({
    queryKey: meQueryKey(userId),
    queryFn: ({ signal }) => getMe(getToken, signal),
    // Protected endpoint: asking while signed out can only answer 401.
    enabled: Boolean(userId),
  });
}

export function useMe() {
  const { userId, getToken } = useAuth();
  return useQuery(meQueryOptions(userId, getToken));
}
