import { queryOptions, useQuery } from '@tanstack/react-query';
import { HelloResponseSchema, type HelloResponse } from '#shared/api-contracts';
import { useApi, type Api } from '@/lib/api-client.ts';

/** GET /api/hello: public; the API personalizes it when a session token comes along. */
export function getHello(api: Api, signal?: AbortSignal): Promise<HelloResponse> {
  return api.request('/api/hello', { schema: HelloResponseSchema, signal });
}

export function helloQueryOptions(api: Api) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `api` is how to ask, not what is asked: the key carries its user and organization
  return queryOptions({
    // The answer depends on who asks, so the asker is part of the key (null: signed out).
    queryKey: ['hello', api.userId] as const,
    queryFn: ({ signal }) => getHello(api, signal),
  });
}

export function useHello() {
  return useQuery(helloQueryOptions(useApi()));
}
