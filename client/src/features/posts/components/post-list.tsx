import type { ReactNode } from 'react';
import type { PostScope } from '#shared/posts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';
import { Button } from '@/components/ui/button.tsx';
import { usePosts } from '../api/get-posts.ts';
import { PostArticle } from './post-article.tsx';

export interface PostListProps {
  scope: PostScope;
  /** What to say when there is nothing to show. */
  emptyMessage: ReactNode;
}

/** The posts the API lists for the caller, a page at a time ("Load more" follows the cursor). */
export function PostList({ scope, emptyMessage }: PostListProps) {
  const query = usePosts(scope);
  if (query.isPending) return <Skeleton label="Loading posts" lines={4} />;
  if (!query.data) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const posts = query.data.pages.flatMap((page) => page.posts);
  // A failed refresh keeps the posts on screen and says so; a failed "Load more" says so below them.
  const refreshError = query.isError && !query.isFetchNextPageError ? query.error : null;
  return (
    <div className="flex flex-col gap-4">
      {refreshError ? <ErrorState error={refreshError} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {posts.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {emptyMessage}
        </p>
      ) : (
        <ul aria-label="Posts" className="flex flex-col gap-4">
          {posts.map((post) => (
            <li key={post.id}>
              <PostArticle post={post} />
            </li>
          ))}
        </ul>
      )}
      {query.isFetchNextPageError ? (
        <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} retrying={query.isFetchingNextPage} />
      ) : null}
      {query.hasNextPage && !query.isFetchNextPageError ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
