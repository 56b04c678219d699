import { useAuth } from '@clerk/react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { HelloResponseSchema, type HelloResponse } from '#shared/api-contracts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';

/** GET /api/hello: public; the API personalizes it when a session token comes along. */
export function getHello(getToken: TokenGetter, signal?: AbortSignal): Promise<HelloResponse> {
  return apiFetch('/api/hello', { schema: HelloResponseSchema, getToken, signal });
}

export function helloQueryOptions(userId: string | null | undefined, getToken: TokenGetter) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- getToken is how to ask, not what is asked: the key carries the user
  return queryOptions({
    // The answer depends on who asks, so the asker is part of the key (null: signed out).
    queryKey: ['hello', userId ?? null] as const,
    queryFn: ({ signal }) => getHello(getToken, signal),
  });
}

export function useHello() {
  const { userId, getToken } = useAuth();
  return useQuery(helloQueryOptions(userId, getToken));
}
