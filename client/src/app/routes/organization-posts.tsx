import { Show } from '@clerk/react';
import { Link, useParams } from 'react-router';
import { ORG_ADMIN_ROLE } from '#shared/organizations';
import { paths } from '@/config/paths.ts';
import { OrganizationGate } from '@/features/organizations/components/organization-gate.tsx';
import type { SyncedOrganization } from '@/features/organizations/components/use-organization-sync.ts';
import { NewPostForm } from '@/features/posts/components/new-post-form.tsx';
import { PostList } from '@/features/posts/components/post-list.tsx';
import { RequireSignedIn } from '../require-signed-in.tsx';

/** This page for another organization; the personal account has no organization page, so its posts. */
const pathFor = (slug: string | null) => (slug ? paths.organization(slug) : paths.posts);

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
        <Show when={{ role: ORG_ADMIN_ROLE }}>
          <nav aria-label="Organization admin" className="flex gap-4">
            <Link
              to={paths.organizationMembers(organization.slug)}
              className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline"
            >
              Members →
            </Link>
            <Link
              to={paths.organizationSettings(organization.slug)}
              className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline"
            >
              Settings →
            </Link>
          </nav>
        </Show>
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
        <OrganizationGate slug={slug} pathFor={pathFor} title={titleFor}>
          {(organization) => <OrganizationPosts organization={organization} />}
        </OrganizationGate>
      </RequireSignedIn>
    </>
  );
}
