import { OrganizationProfile } from '@clerk/react';
import { Link, useParams } from 'react-router';
import { paths } from '@/config/paths.ts';
import { fillPageColumn } from '@/lib/auth/appearance.ts';
import { OrganizationGate } from '@/features/organizations/components/organization-gate.tsx';
import type { SyncedOrganization } from '@/features/organizations/components/use-organization-sync.ts';
import { RequireSignedIn } from '../require-signed-in.tsx';

function OrganizationSettings({ organization }: { organization: SyncedOrganization }) {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link to={paths.organization(organization.slug)} className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline">
          ← <bdi>{organization.name}</bdi>
        </Link>
        <h1 className="mt-2 text-3xl font-bold tracking-tight [overflow-wrap:anywhere]">
          <bdi>{organization.name}</bdi> settings
        </h1>
      </div>
      {/*
        Clerk's own organization profile for the active organization, which the gate made this one, for every member:
        Clerk shows and allows each one what their role permits (an admin changes settings and members, a member
        reads and can leave), and checks it again on every change. The same profile as the switcher's "Manage".
        Keyed by the slug: a new slug saved in it moves the URL, and the profile mounts again under the new path.
      */}
      <OrganizationProfile
        key={organization.slug}
        appearance={fillPageColumn}
        routing="path"
        path={paths.organizationSettings(organization.slug)}
        afterLeaveOrganizationUrl={paths.posts}
      />
    </div>
  );
}

/** Titled with the organization's name, as its heading. */
const titleFor = (name: string) => `${name} settings`;

export function OrganizationSettingsRoute() {
  const { slug = '' } = useParams();
  return (
    <>
      <RequireSignedIn>
        <OrganizationGate slug={slug} title={titleFor}>
          {(organization) => <OrganizationSettings organization={organization} />}
        </OrganizationGate>
      </RequireSignedIn>
    </>
  );
}
