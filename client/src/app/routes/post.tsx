import { Link, useParams } from 'react-router';
import { paths } from '@/config/paths.ts';
import { PostDetail } from '@/features/posts/components/post-detail.tsx';
import { RequireSignedIn } from '../require-signed-in.tsx';

export function PostRoute() {
  const { postId = '' } = useParams();
  return (
    <>
      <RequireSignedIn>
        <div className="flex flex-col gap-4">
          <Link to={paths.posts} className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline">
            ← All your posts
          </Link>
          <PostDetail postId={postId} />
        </div>
      </RequireSignedIn>
    </>
  );
}
