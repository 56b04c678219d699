import { useEffect, useMemo } from 'react';
import { useOrganization, useOrganizationList } from '@clerk/react';
import { useLocation, useNavigate } from 'react-router';
import { pathAfterSwitchTo, withOrganizationSlug } from '@/config/paths.ts';
import { useVisitClaim } from './organization-visits.tsx';

export interface SyncedOrganization {
  id: string;
  slug: string;
  name: string;
}

export type OrganizationSync =
  | { status: 'loading' }
  | { status: 'not-member' }
  | { status: 'switching'; organization: SyncedOrganization }
  | { status: 'failed'; organization: SyncedOrganization; error: unknown; retry: () => void }
  | { status: 'active'; organization: SyncedOrganization };

// Pages of the user's memberships, followed until the slug is found: no fixed cap on how many a user has.
const MEMBERSHIP_PAGES = { infinite: true, pageSize: 50 } as const;

interface ClerkOrganization {
  id: string;
  slug: string | null;
  name: string;
}

/**
 * Keeps the organization in the URL and Clerk's active organization in agreement, both ways: a visit to an
 * organization page (a link, Back, a reload) makes the URL's organization active; once it is active, the URL follows
 * Clerk. A switch elsewhere leaves for `pathAfterSwitchTo`, a new slug replaces the one in the URL, a new name shows at
 * once, and what the visit did is kept above the page (useVisitClaim), so a remount never activates it again.
 * Why: docs/architecture.md, "Keeping the SPA in step with Clerk".
 */
export function useOrganizationSync(slug: string): OrganizationSync {
  const { isLoaded, setActive, userMemberships } = useOrganizationList({ userMemberships: MEMBERSHIP_PAGES });
  const { isLoaded: activeLoaded, organization: active } = useOrganization();
  const navigate = useNavigate();
  const location = useLocation();
  const [claim, setClaim] = useVisitClaim(location.key);
  // Clerk's slugs are lowercase; a URL typed as /orgs/ACME still names Acme.
  const wanted = slug.toLowerCase();
  const member = userMemberships.data?.find((entry) => entry.organization.slug === wanted)?.organization;
  // Clerk's active organization is the freshest copy (a rename shows at once), and being active proves membership.
  const target = useSynced(active?.slug === wanted ? active : member);
  const current = useSynced(active);
  const isActive = current !== null && current.id === target?.id;
  // After this visit saw its organization active, Clerk leads: when the organization it has active (null: the personal
  // account) is not the URL's, or is the same under a new slug, the URL changes to it.
  const following = claim?.phase === 'active' && activeLoaded && current?.slug !== wanted ? current : undefined;
  const renamed = following != null && following.id === claim?.organizationId;
  // Once found, a background refetch of the memberships must not unmount the page (and what is typed in it).
  const searching = !isLoaded || userMemberships.isLoading || (!target && (userMemberships.isFetching || userMemberships.hasNextPage));

  useEffect(() => {
    if (isLoaded && !target && userMemberships.hasNextPage && !userMemberships.isFetching) userMemberships.fetchNext();
  }, [isLoaded, target, userMemberships]);

  useEffect(() => {
    if (following === undefined) return;
    // Its slug changed in <OrganizationProfile>: the same page under the new slug, in place of the old URL.
    if (renamed) void navigate(withOrganizationSlug(location.pathname, following.slug) + location.search, { replace: true });
    // The user switched elsewhere: leave, as the switcher itself does. Its own redirect may already have moved the URL
    // while this page is still on screen (clerk-js navigates, then tells React): one entry in the history, not two.
    else if (window.location.pathname === location.pathname) void navigate(pathAfterSwitchTo(following?.slug ?? null));
  }, [following, renamed, navigate, location.pathname, location.search]);

  useEffect(() => {
    if (!target || following !== undefined) return;
    // One URL per organization: another spelling of its slug is replaced by the canonical one.
    if (target.slug !== slug) {
      void navigate(withOrganizationSlug(location.pathname, target.slug) + location.search, { replace: true });
      return;
    }
    if (isActive) {
      // Records that Clerk reports it active, so that from now on a change of Clerk's is the user's own.
      if (claim?.phase !== 'active') setClaim({ organizationId: target.id, phase: 'active' });
      return;
    }
    if (claim || !setActive) return;
    setClaim({ organizationId: target.id, phase: 'activating' });
    setActive({ organization: target.id }).catch((error: unknown) => setClaim({ organizationId: target.id, phase: 'failed', error }));
  }, [target, following, slug, isActive, claim, setClaim, setActive, navigate, location.pathname, location.search]);

  // The page stays while its URL takes the new slug (Clerk's profile, open in it, keeps its place).
  if (renamed) return { status: 'active', organization: following };
  if (following !== undefined) return { status: 'loading' };
  if (isActive) return { status: 'active', organization: current };
  if (searching) return { status: 'loading' };
  if (!target) return { status: 'not-member' };
  if (claim?.phase === 'failed') return { status: 'failed', organization: target, error: claim.error, retry: () => setClaim(null) };
  return { status: 'switching', organization: target };
}

/** A stable copy of Clerk's organization resource, which clerk-js may update in place; null when there is none. */
function useSynced(organization: ClerkOrganization | null | undefined): SyncedOrganization | null {
  const id = organization?.id;
  const slug = organization?.slug ?? id;
  const name = organization?.name;
  return useMemo(() => (id && slug && name !== undefined ? { id, slug, name } : null), [id, slug, name]);
}
