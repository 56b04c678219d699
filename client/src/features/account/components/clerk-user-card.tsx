import { useUser } from '@clerk/react';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Card } from '@/components/ui/card.tsx';
import { DataList, Empty } from '@/components/ui/data-list.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';

/** The user as Clerk's frontend SDK knows it (`useUser()`), no API call involved. */
export function ClerkUserCard() {
  const { isLoaded, user } = useUser();
  return (
    <Card title="Your account" description="From useUser(): Clerk's view in the browser.">
      {!isLoaded || !user ? (
        <Skeleton label="Loading your account" />
      ) : (
        <div className="flex flex-col gap-4 sm:flex-row">
          <Avatar src={user.imageUrl} />
          <DataList
            testId="clerk-user"
            items={[
              { label: 'Name', value: user.fullName ?? <Empty /> },
              { label: 'Email', value: user.primaryEmailAddress?.emailAddress ?? <Empty /> },
              { label: 'Joined', value: <DateTime value={user.createdAt} /> },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
