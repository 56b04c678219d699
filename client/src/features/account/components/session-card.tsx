import { useAuth } from '@clerk/react';
import { Card } from '@/components/ui/card.tsx';
import { DataList, Empty } from '@/components/ui/data-list.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';

/** The session as Clerk's frontend SDK knows it (`useAuth()`). */
export function SessionCard() {
  const { isLoaded, userId, sessionId, orgId, orgRole } = useAuth();
  return (
    <Card title="Your session" description="From useAuth(): ids the browser holds.">
      {!isLoaded ? (
        <Skeleton label="Loading your session" />
      ) : (
        <DataList
          testId="clerk-session"
          items={[
            { label: 'User id', value: userId ?? <Empty />, testId: 'auth-user-id' },
            { label: 'Session id', value: sessionId ?? <Empty />, testId: 'auth-session-id' },
            { label: 'Organization id', value: orgId ?? <Empty>Personal account</Empty>, testId: 'auth-org-id' },
            { label: 'Organization role', value: orgRole ?? <Empty /> },
          ]}
        />
      )}
    </Card>
  );
}
