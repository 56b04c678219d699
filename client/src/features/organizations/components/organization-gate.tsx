import type { ReactNode } from 'react';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { PageTitle } from '@/components/page-title.tsx';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { NotAMember } from './not-a-member.tsx';
import { useOrganizationSync, type OrganizationSync, type SyncedOrganization } from './use-organization-sync.ts';

export interface OrganizationGateProps {
  slug: string;
  /** The page's title for an organization's name (the URL's slug until it is known). */
  title: (name: string) => string;
  /** Rendered once the URL's organization is the active one, and only then. */
  children: (organization: SyncedOrganization) => ReactNode;
}

/** An organization page's frame: membership check, activation, then the page itself. */
export function OrganizationGate({ slug, title, children }: OrganizationGateProps) {
  const sync = useOrganizationSync(slug);
  return (
    <>
      <PageTitle name={title('organization' in sync ? sync.organization.name : slug)} />
      <GateContent sync={sync} slug={slug}>
        {children}
      </GateContent>
    </>
  );
}

function GateContent({ sync, slug, children }: { sync: OrganizationSync; slug: string; children: OrganizationGateProps['children'] }) {
  switch (sync.status) {
    case 'loading':
      return <PageLoading label="Checking your organizations…" />;
    case 'not-member':
      return <NotAMember slug={slug} />;
    case 'switching':
      return <PageLoading label={`Switching to ${sync.organization.name}…`} />;
    case 'failed':
      return (
        <div className="mx-auto flex max-w-lg flex-col gap-4 py-12">
          <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">
            Could not switch to <bdi>{sync.organization.name}</bdi>
          </h1>
          <ErrorState error={sync.error} onRetry={sync.retry} />
        </div>
      );
    case 'active':
      return <>{children(sync.organization)}</>;
  }
}
