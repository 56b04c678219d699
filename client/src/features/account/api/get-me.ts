import { queryOptions, useQuery } from '@tanstack/react-query';
import { MeResponseSchema, type MeResponse } from '#shared/api-contracts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { meQueryKey } from './me-keys.ts';

/** GET /api/me: what the API read from the verified session token. */
export function getMe(api: Api, signal?: AbortSignal): Promise<MeResponse> {
  return api.request('/api/me', { schema: MeResponseSchema, signal });
}

export function meQueryOptions(api: Api) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `api` is how to ask, not what is asked: the key carries its user and organization
  return queryOptions({
    queryKey: meQueryKey(api.userId),
    queryFn: ({ signal }) => getMe(api, signal),
    // Protected endpoint: asking while signed out can only answer 401.
    enabled: Boolean(api.userId),
  });
}

export function useMe() {
  return useQuery(meQueryOptions(useApi()));
}
