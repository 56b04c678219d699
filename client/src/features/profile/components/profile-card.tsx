import type { ProfileResponse } from '#shared/api-contracts';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Card } from '@/components/ui/card.tsx';
import { DataList, Empty } from '@/components/ui/data-list.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { useProfile } from '../api/get-profile.ts';

function ProfileView({ profile }: { profile: ProfileResponse }) {
  return (
    <div data-testid="api-profile" className="flex flex-col gap-4 sm:flex-row">
      <Avatar src={profile.imageUrl} />
      <DataList
        items={[
          { label: 'Name', value: profile.fullName ?? <Empty /> },
          { label: 'Email', value: profile.primaryEmail ?? <Empty /> },
          { label: 'User id', value: profile.id },
          { label: 'App role', value: profile.role ?? <Empty /> },
          { label: 'Member since', value: <DateTime value={profile.createdAt} /> },
          { label: 'Last sign-in', value: <DateTime value={profile.lastSignInAt} /> },
        ]}
      />
    </div>
  );
}

export function ProfileCard() {
  const query = useProfile();
  return (
    <Card title="Your profile, from the API" description="GET /api/me/profile: the API asks Clerk for your user.">
      <QueryState query={query} loadingLabel="Loading your profile">
        {(profile) => <ProfileView profile={profile} />}
      </QueryState>
    </Card>
  );
}
