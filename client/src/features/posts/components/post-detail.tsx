import { ERROR_CODES } from '#shared/api-error';
import { paths } from '@/config/paths.ts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { NotFound } from '@/components/errors/not-found.tsx';
import { StatusPage } from '@/components/errors/status-page.tsx';
import { PageTitle } from '@/components/page-title.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';
import { isApiError } from '@/lib/api-client.ts';
import { usePostDeleted } from '../api/delete-post.ts';
import { usePost } from '../api/get-post.ts';
import { PostArticle } from './post-article.tsx';

const BACK = { to: paths.posts, label: 'Back to posts' };

function isNotFound(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.code === ERROR_CODES.notFound);
}

/** One post on its own page; the API answers 404 alike for a missing post and one the caller may not see. */
export function PostDetail({ postId }: { postId: string }) {
  return (
    <>
      <PostTitle postId={postId} />
      <PostDetailContent postId={postId} />
    </>
  );
}

/** The post's own title once it is known; the query is the one the content reads (shared by key). */
function PostTitle({ postId }: { postId: string }) {
  const deleted = usePostDeleted(postId);
  const query = usePost(postId, { enabled: !deleted });
  return <PageTitle name={deleted ? 'Post deleted' : (query.data?.title ?? 'Post')} />;
}

function PostDetailContent({ postId }: { postId: string }) {
  const deleted = usePostDeleted(postId);
  const query = usePost(postId, { enabled: !deleted });
  if (deleted) return <StatusPage code="Deleted" title="Post deleted" message="This post no longer exists." back={BACK} />;
  if (query.isPending) return <Skeleton label="Loading the post" lines={5} />;
  if (isNotFound(query.error)) {
    return (
      <NotFound
        title="Post not found"
        message="It does not exist, or you cannot see it: a post is visible to its author, to the members of its organization while it is active, and to moderators."
        back={BACK}
      />
    );
  }
  if (!query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return (
    <div className="flex flex-col gap-4">
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <PostArticle post={query.data} variant="page" />
    </div>
  );
}
