import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { PostPageSchema, type PostListQuery, type PostPage, type PostScope } from '#shared/posts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { postKeys } from './post-keys.ts';

/** GET /api/posts: one page, newest first. */
/** What the SPA asks for: the list query with a number for `limit` (the schema's input accepts any, to coerce). */
export type PostPageRequest = Omit<PostListQuery, 'limit'> & { limit?: number };

export function getPosts(api: Api, query: PostPageRequest, signal?: AbortSignal): Promise<PostPage> {
  const search = new URLSearchParams();
  if (query.scope) search.set('scope', query.scope);
  if (query.cursor) search.set('cursor', query.cursor);
  if (query.limit !== undefined) search.set('limit', `${query.limit}`);
  return api.request(`/api/posts?${search}`, { schema: PostPageSchema, signal });
}

export function postsQueryOptions(api: Api, scope: PostScope) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- `api` is how to ask, not what is asked: the key carries its user and organization
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
