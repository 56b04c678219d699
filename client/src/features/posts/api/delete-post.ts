import { useAuth } from '@clerk/react';
import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { forgetDeletedPost } from './post-cache.ts';
import { postKeys } from './post-keys.ts';

/** 204: no body. */
const NoContentSchema = z.undefined();

/** DELETE /api/posts/:id */
export function deletePost(getToken: TokenGetter, postId: string): Promise<void> {
  return apiFetch(`/api/posts/${encodeURIComponent(postId)}`, { schema: NoContentSchema, getToken, method: 'DELETE' });
}

export function useDeletePost() {
  const { userId, getToken } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: postKeys.delete(userId ?? null),
    mutationFn: (postId: string) => deletePost(getToken, postId),
    onSuccess: (_answer, postId) => forgetDeletedPost(queryClient, userId ?? null, postId),
  });
}

/** Whether this user deleted `postId` during this visit: a page showing it stops asking the API for it. */
export function usePostDeleted(postId: string | null): boolean {
  const { userId } = useAuth();
  const deletions = useMutationState({
    filters: { mutationKey: postKeys.delete(userId ?? null), status: 'success', predicate: (m) => m.state.variables === postId },
  });
  return postId !== null && deletions.length > 0;
}
