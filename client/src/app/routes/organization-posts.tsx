import { Show } from '@clerk/react';
import { Link, useParams } from 'react-router';
import { ORG_ADMIN_ROLE } from '#shared/organizations';
import { paths } from '@/config/paths.ts';
import { OrganizationGate } from '@/features/organizations/components/organization-gate.tsx';
import type { SyncedOrganization } from '@/features/organizations/components/use-organization-sync.ts';
import { NewPostForm } from '@/features/posts/components/new-post-form.tsx';
import { PostList } from '@/features/posts/components/post-list.tsx';
import { RequireSignedIn } from '../require-signed-in.tsx';

function OrganizationPosts({ organization }: { organization: SyncedOrganization }) {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 dir="auto" className="text-3xl font-bold tracking-tight [overflow-wrap:anywhere]">
            {organization.name}
          </h1>
          <p className="mt-2 text-slate-600 dark:text-slate-400">The organization’s posts. It is your active organization.</p>
        </div>
        <nav aria-label="Organization" className="flex gap-4">
          <Show when={{ role: ORG_ADMIN_ROLE }}>
            <Link
              to={paths.organizationMembers(organization.slug)}
              className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline"
            >
              Members →
            </Link>
          </Show>
          {/* Every member: Clerk's profile shows each what their role allows, and is where a member leaves. */}
          <Link to={paths.organizationSettings(organization.slug)} className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline">
            Settings →
          </Link>
        </nav>
      </div>
      <NewPostForm />
      {/* The gate renders this once the organization is active, so `org` lists this one. */}
      <PostList
        scope="org"
        emptyMessage={
          <>
            No posts in <bdi>{organization.name}</bdi> yet.
          </>
        }
      />
    </div>
  );
}

/** Titled with the organization's name, as its heading. */
const titleFor = (name: string) => name;

export function OrganizationPostsRoute() {
  const { slug = '' } = useParams();
  return (
    <>
      <RequireSignedIn>
        <OrganizationGate slug={slug} title={titleFor}>
          {(organization) => <OrganizationPosts organization={organization} />}
        </OrganizationGate>
      </RequireSignedIn>
    </>
  );
}
