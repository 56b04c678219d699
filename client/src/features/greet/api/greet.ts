import { useAuth } from '@clerk/react';
import { useMutation } from '@tanstack/react-query';
import { GreetResponseSchema, type GreetRequest, type GreetResponse } from '#shared/api-contracts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';

/** POST /api/greet */
export function postGreet(getToken: TokenGetter, request: GreetRequest): Promise<GreetResponse> {
  return apiFetch('/api/greet', { schema: GreetResponseSchema, getToken, method: 'POST', body: request });
}

export function useGreet() {
  const { userId, getToken } = useAuth();
  return useMutation({
    mutationKey: ['greet', userId ?? null],
    mutationFn: (request: GreetRequest) => postGreet(getToken, request),
  });
}
