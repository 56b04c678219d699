import { Show } from '@clerk/react';
import { ORG_ADMIN_ROLE } from '#shared/organizations';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Forbidden } from '@/components/errors/forbidden.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';
import { Card } from '@/components/ui/card.tsx';
import { isApiError } from '@/lib/api-client.ts';
import { useOrganizationMembers } from '../api/get-organization-members.ts';
import { MembersList } from './members-list.tsx';
import type { SyncedOrganization } from './use-organization-sync.ts';

function OnlyAdmins({ organization }: { organization: SyncedOrganization }) {
  return <Forbidden title="Members are for admins" message={`Only the admins of ${organization.name} can see its members.`} />;
}

function MembersCard({ organization }: { organization: SyncedOrganization }) {
  const query = useOrganizationMembers(organization.slug);
  // The API is the authority: if it refuses, this is the same page as the gate's.
  if (isApiError(query.error) && query.error.status === 403) return <OnlyAdmins organization={organization} />;
  return (
    <Card title={query.data ? `Members (${query.data.totalCount})` : 'Members'} description="Everyone in this organization, with their role.">
      {query.isPending ? <Skeleton label="Loading the members" lines={4} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {query.data ? <MembersList members={query.data.members} /> : null}
    </Card>
  );
}

/** The members of the active organization, for its admins: the role gate first, then the API. */
export function OrganizationMembers({ organization }: { organization: SyncedOrganization }) {
  return (
    <Show when={{ role: ORG_ADMIN_ROLE }} fallback={<OnlyAdmins organization={organization} />}>
      <MembersCard organization={organization} />
    </Show>
  );
}
