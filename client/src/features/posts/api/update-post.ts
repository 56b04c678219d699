import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { PostSchema, type Post, type PostPatch } from '#shared/posts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { replaceEditedPost } from './post-cache.ts';
import { postKeys } from './post-keys.ts';

export interface UpdatePostVariables {
  postId: string;
  patch: PostPatch;
}

/** PATCH /api/posts/:id: the author only (403 otherwise, 404 when the post is not visible). */
export function updatePost(api: Api, { postId, patch }: UpdatePostVariables): Promise<Post> {
  return api.request(`/api/posts/${encodeURIComponent(postId)}`, { schema: PostSchema, method: 'PATCH', body: patch });
}

export function useUpdatePost() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: postKeys.update(api.userId),
    mutationFn: (variables: UpdatePostVariables) => updatePost(api, variables),
    // The answer is the post as saved: put it in place rather than refetching every list.
    onSuccess: (post) => replaceEditedPost(queryClient, api.userId, post),
  });
}

/** Whether this user edited `postId` during this visit: a message naming it as it was is out of date. */
export function usePostEdited(postId: string | null): boolean {
  const { userId } = useApi();
  const edits = useMutationState({
    filters: {
      mutationKey: postKeys.update(userId),
      status: 'success',
      predicate: (m) => (m.state.variables as UpdatePostVariables | undefined)?.postId === postId,
    },
  });
  return postId !== null && edits.length > 0;
}
