import { useState } from 'react';
import type { ProfileResponse } from '#shared/api-contracts';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { DataList, Empty } from '@/components/ui/data-list.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { SuccessStatus } from '@/components/ui/success-status.tsx';
import { useSuccessMessage } from '@/lib/use-form.ts';
import { useProfile } from '../api/get-profile.ts';
import { EditNameForm } from './edit-name-form.tsx';

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
  const [editing, setEditing] = useState(false);
  // The form closes on save, so the card says it was saved, until the name changes (here or in Clerk).
  const nameOf = (profile: ProfileResponse | undefined) => (profile ? [profile.firstName, profile.lastName] : null);
  const saved = useSuccessMessage(nameOf(query.data));
  const editButton =
    query.isSuccess && !editing ? (
      <div className="flex items-center gap-1">
        {saved.shown ? <SuccessStatus className="px-2">Saved</SuccessStatus> : null}
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            saved.hide();
            setEditing(true);
          }}
        >
          Edit name
        </Button>
      </div>
    ) : null;
  return (
    <Card title="Your profile, from the API" description="GET /api/me/profile: the API asks Clerk for your user." actions={editButton}>
      <QueryState query={query} loadingLabel="Loading your profile">
        {(profile) =>
          editing ? (
            <EditNameForm
              profile={profile}
              onDone={() => setEditing(false)}
              onSaved={(updated) => {
                saved.show(nameOf(updated));
                setEditing(false);
              }}
            />
          ) : (
            <ProfileView profile={profile} />
          )
        }
      </QueryState>
    </Card>
  );
}
