import { Link, useParams } from 'react-router';
import { paths } from '@/config/paths.ts';
import { OrganizationGate } from '@/features/organizations/components/organization-gate.tsx';
import { OrganizationMembers } from '@/features/organizations/components/organization-members.tsx';
import { RequireSignedIn } from '../require-signed-in.tsx';

/** Titled with the organization's name, as its heading. */
const titleFor = (name: string) => `${name} members`;

export function OrganizationMembersRoute() {
  const { slug = '' } = useParams();
  return (
    <>
      <RequireSignedIn>
        <OrganizationGate slug={slug} title={titleFor}>
          {(organization) => (
            <div className="flex flex-col gap-6">
              <div>
                <Link to={paths.organization(organization.slug)} className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline">
                  ← <bdi>{organization.name}</bdi>
                </Link>
                <h1 className="mt-2 text-3xl font-bold tracking-tight [overflow-wrap:anywhere]">
                  <bdi>{organization.name}</bdi> members
                </h1>
              </div>
              <OrganizationMembers organization={organization} />
            </div>
          )}
        </OrganizationGate>
      </RequireSignedIn>
    </>
  );
}
