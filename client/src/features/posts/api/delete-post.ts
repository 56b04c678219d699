import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useApi, type Api } from '@/lib/api-client.ts';
import { forgetDeletedPost } from './post-cache.ts';
import { postKeys } from './post-keys.ts';

/** 204: no body. */
const NoContentSchema = z.undefined();

/** DELETE /api/posts/:id */
export function deletePost(api: Api, postId: string): Promise<void> {
  return api.request(`/api/posts/${encodeURIComponent(postId)}`, { schema: NoContentSchema, method: 'DELETE' });
}

export function useDeletePost() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: postKeys.delete(api.userId),
    mutationFn: (postId: string) => deletePost(api, postId),
    onSuccess: (_answer, postId) => forgetDeletedPost(queryClient, api.userId, postId),
  });
}

/** Whether this user deleted `postId` during this visit: a page showing it stops asking the API for it. */
export function usePostDeleted(postId: string | null): boolean {
  const { userId } = useApi();
  const deletions = useMutationState({
    filters: { mutationKey: postKeys.delete(userId), status: 'success', predicate: (m) => m.state.variables === postId },
  });
  return postId !== null && deletions.length > 0;
}
