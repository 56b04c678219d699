import { useOrganization } from '@clerk/react';
import { useSearchParams } from 'react-router';
import type { PostScope } from '#shared/posts';
import { NewPostForm } from '@/features/posts/components/new-post-form.tsx';
import { PostList } from '@/features/posts/components/post-list.tsx';
import { ScopeToggle } from '@/features/posts/components/scope-toggle.tsx';
import { useAppRole } from '@/lib/auth/use-app-role.ts';
import { RequireSignedIn } from '../require-signed-in.tsx';
import { PageTitle } from '@/components/page-title.tsx';

function describe(scope: PostScope, organizationName: string | undefined): { intro: string; empty: string } {
  if (scope === 'all') return { intro: 'Every post, whoever wrote it: the moderator view.', empty: 'Nobody has posted anything yet.' };
  if (organizationName) {
    return { intro: `Your posts and those of ${organizationName}.`, empty: `No posts yet: write the first one for ${organizationName}.` };
  }
  return {
    intro: 'Your posts, wherever you wrote them. Pick an organization in the header to see its members’ posts too.',
    empty: 'You have not written any posts yet.',
  };
}

function PostsContent() {
  const { isStaff } = useAppRole();
  const { organization } = useOrganization();
  const [searchParams, setSearchParams] = useSearchParams();
  // `?scope=all` is only honoured for staff; the API would answer anyone else 403.
  const scope: PostScope = isStaff && searchParams.get('scope') === 'all' ? 'all' : 'mine-and-org';
  const text = describe(scope, organization?.name);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Posts</h1>
          <p className="mt-2 text-slate-600 dark:text-slate-400">{text.intro}</p>
        </div>
        {isStaff ? <ScopeToggle scope={scope} onChange={(next) => setSearchParams(next === 'all' ? { scope: 'all' } : {})} /> : null}
      </div>
      <NewPostForm />
      <PostList scope={scope} emptyMessage={text.empty} />
    </div>
  );
}

export function PostsRoute() {
  return (
    <>
      <PageTitle name="Posts" />
      <RequireSignedIn>
        <PostsContent />
      </RequireSignedIn>
    </>
  );
}
