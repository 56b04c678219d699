import { useAuth } from '@clerk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PostSchema, type Post, type ValidPostInput } from '#shared/posts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { postKeys } from './post-keys.ts';

/** POST /api/posts: the API files it under the caller's active organization (never sent). */
export function createPost(getToken: TokenGetter, input: ValidPostInput): Promise<Post> {
  return apiFetch('/api/posts', { schema: PostSchema, getToken, method: 'POST', body: input });
}

export function useCreatePost() {
  const { userId, orgId, getToken } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: postKeys.create(userId ?? null),
    mutationFn: (input: ValidPostInput) => createPost(getToken, input),
    onSuccess: async (post) => {
      queryClient.setQueryData(postKeys.detail(userId ?? null, post.id, orgId ?? null), post);
      // The author sees their own posts in every organization's list, so all of this user's lists change.
      await queryClient.invalidateQueries({ queryKey: postKeys.lists(userId ?? null) });
    },
  });
}
