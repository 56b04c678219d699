import type { MeResponse } from '#shared/api-contracts';
import { Card } from '@/components/ui/card.tsx';
import { DataList, Empty } from '@/components/ui/data-list.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { useMe } from '../api/get-me.ts';

function meItems(me: MeResponse) {
  return [
    { label: 'User id', value: me.userId },
    { label: 'Session id', value: me.sessionId },
    { label: 'App role', value: me.role ?? <Empty />, testId: 'api-me-role' },
    { label: 'Organization', value: me.orgSlug ?? me.orgId ?? <Empty>Personal account</Empty> },
    { label: 'Organization role', value: me.orgRole ?? <Empty /> },
    {
      label: 'Permissions',
      value: me.orgPermissions.length > 0 ? me.orgPermissions.join(', ') : <Empty />,
    },
  ];
}

export function MeCard() {
  const query = useMe();
  return (
    <Card title="Your session, as the API sees it" description="GET /api/me: read from the verified token alone.">
      <QueryState query={query} loadingLabel="Loading your session claims">
        {(me) => <DataList testId="api-me" items={meItems(me)} />}
      </QueryState>
    </Card>
  );
}
