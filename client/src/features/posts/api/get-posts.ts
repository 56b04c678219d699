import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { PostPageSchema, type PostListQuery, type PostPage, type PostScope } from '#shared/posts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { postKeys } from './post-keys.ts';

/** GET /api/posts: one page, newest first. */
export function getPosts(api: Api, query: PostListQuery, signal?: AbortSignal): Promise<PostPage> {
  const search = new URLSearchParams();
  if (query.scope) search.set('scope', query.scope);
  if (query.cursor) search.set('cursor', query.cursor);
  if (query.limit !== undefined) search.set('limit', String(query.limit));
  return api.request(`/api/posts?${search}`, { schema: PostPageSchema, signal });
}

export function postsQueryOptions(api: Api, scope: PostScope) {
  return infiniteQueryOptions({
    queryKey: postKeys.list(api.userId, api.orgId, scope),
    queryFn: ({ pageParam, signal }) => getPosts(api, { scope, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: Boolean(api.userId),
  });
}

export function usePosts(scope: PostScope) {
  return useInfiniteQuery(postsQueryOptions(useApi(), scope));
}
