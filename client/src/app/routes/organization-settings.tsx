import { OrganizationProfile, Show } from '@clerk/react';
import { Link, useParams } from 'react-router';
import { ORG_ADMIN_ROLE } from '#shared/organizations';
import { paths } from '@/config/paths.ts';
import { fillPageColumn } from '@/lib/auth/appearance.ts';
import { Forbidden } from '@/components/errors/forbidden.tsx';
import { OrganizationGate } from '@/features/organizations/components/organization-gate.tsx';
import type { SyncedOrganization } from '@/features/organizations/components/use-organization-sync.ts';
import { RequireSignedIn } from '../require-signed-in.tsx';

/** This page for another organization; the personal account has no settings, so its posts. */
const pathFor = (slug: string | null) => (slug ? paths.organizationSettings(slug) : paths.posts);

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
      {/* Clerk's own organization profile (settings, members, invitations) for the active organization, which the gate made this one. */}
      <OrganizationProfile
        appearance={fillPageColumn}
        routing="path"
        path={paths.organizationSettings(organization.slug)}
        afterLeaveOrganizationUrl={paths.posts}
      />
    </div>
  );
}

/** For the organization's admins, as the members page: a convenience; Clerk checks the role on every change. */
function AdminsOnly({ organization }: { organization: SyncedOrganization }) {
  return (
    <Show
      when={{ role: ORG_ADMIN_ROLE }}
      fallback={<Forbidden title="Settings are for admins" message={`Only the admins of ${organization.name} can change its settings.`} />}
    >
      <OrganizationSettings organization={organization} />
    </Show>
  );
}

/** Titled with the organization's name, as its heading. */
const titleFor = (name: string) => `${name} settings`;

export function OrganizationSettingsRoute() {
  const { slug = '' } = useParams();
  return (
    <>
      <RequireSignedIn>
        <OrganizationGate slug={slug} pathFor={pathFor} title={titleFor}>
          {(organization) => <AdminsOnly organization={organization} />}
        </OrganizationGate>
      </RequireSignedIn>
    </>
  );
}
