import { useAuth } from '@clerk/react';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { PostPageSchema, type PostListQuery, type PostPage, type PostScope } from '#shared/posts';
import { apiFetch, type TokenGetter } from '@/lib/api-client.ts';
import { postKeys } from './post-keys.ts';

/** GET /api/posts: one page, newest first. */
export function getPosts(getToken: TokenGetter, query: PostListQuery, signal?: AbortSignal): Promise<PostPage> {
  const search = new URLSearchParams();
  if (query.scope) search.set('scope', query.scope);
  if (query.cursor) search.set('cursor', query.cursor);
  // The query's input type (before zod's coercion) leaves limit `unknown`; this client sends numbers.
  if (typeof query.limit === 'number') search.set('limit', String(query.limit));
  return apiFetch(`/api/posts?${search}`, { schema: PostPageSchema, getToken, signal });
}

export interface PostsQueryInput {
  userId: string | null | undefined;
  orgId: string | null | undefined;
  scope: PostScope;
}

export function postsQueryOptions({ userId, orgId, scope }: PostsQueryInput, getToken: TokenGetter) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- getToken is how to ask, not what is asked: the key carries the user
  return infiniteQueryOptions({
    queryKey: postKeys.list(userId ?? null, orgId ?? null, scope),
    queryFn: ({ pageParam, signal }) => getPosts(getToken, { scope, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: Boolean(userId),
  });
}

export function usePosts(scope: PostScope) {
  const { userId, orgId, getToken } = useAuth();
  return useInfiniteQuery(postsQueryOptions({ userId, orgId, scope }, getToken));
}
