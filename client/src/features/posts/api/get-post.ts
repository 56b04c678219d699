import { useAuth } from '@clerk/react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { PostSchema, type Post } from '#shared/posts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { postKeys } from './post-keys.ts';

/** GET /api/posts/:id: 404 both when it does not exist and when the caller may not see it. */
export function getPost(getToken: TokenGetter, postId: string, signal?: AbortSignal): Promise<Post> {
  return apiFetch(`/api/posts/${encodeURIComponent(postId)}`, { schema: PostSchema, getToken, signal });
}

export interface PostQueryInput {
  userId: string | null | undefined;
  orgId: string | null | undefined;
  postId: string;
  /** False once the post is known to be gone (deleted here), so it is not asked for again. */
  enabled?: boolean;
}

export function postQueryOptions({ userId, orgId, postId, enabled = true }: PostQueryInput, getToken: TokenGetter) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- getToken is how to ask, not what is asked: the key carries the user
  return queryOptions({
    queryKey: postKeys.detail(userId ?? null, postId, orgId ?? null),
    queryFn: ({ signal }) => getPost(getToken, postId, signal),
    enabled: enabled && Boolean(userId),
  });
}

export function usePost(postId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const { userId, orgId, getToken } = useAuth();
  return useQuery(postQueryOptions({ userId, orgId, postId, enabled }, getToken));
}
