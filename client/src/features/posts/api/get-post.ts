import { queryOptions, useQuery } from '@tanstack/react-query';
import { PostSchema, type Post } from '#shared/posts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { postKeys } from './post-keys.ts';

/** GET /api/posts/:id: 404 both when it does not exist and when the caller may not see it. */
export function getPost(api: Api, postId: string, signal?: AbortSignal): Promise<Post> {
  return api.request(`/api/posts/${encodeURIComponent(postId)}`, { schema: PostSchema, signal });
}

/** `enabled`: false once the post is known to be gone (deleted here), so it is not asked for again. */
export function postQueryOptions(api: Api, postId: string, { enabled = true }: { enabled?: boolean } = {}) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `api` is how to ask, not what is asked: the key carries its user and organization
  return queryOptions({
    queryKey: postKeys.detail(api.userId, postId, api.orgId),
    queryFn: ({ signal }) => getPost(api, postId, signal),
    enabled: enabled && Boolean(api.userId),
  });
}

export function usePost(postId: string, options: { enabled?: boolean } = {}) {
  return useQuery(postQueryOptions(useApi(), postId, options));
}
