import { useMutation } from '@tanstack/react-query';
import { GreetResponseSchema, type GreetRequest, type GreetResponse } from '#shared/api-contracts';
import { useApi, type Api } from '@/lib/api-client.ts';

/** POST /api/greet */
export function postGreet(api: Api, request: GreetRequest): Promise<GreetResponse> {
  return api.request('/api/greet', { schema: GreetResponseSchema, method: 'POST', body: request });
}

export function useGreet() {
  const api = useApi();
  return useMutation({
    mutationKey: ['greet', api.userId],
    mutationFn: (request: GreetRequest) => postGreet(api, request),
  });
}
