import { useEffect, useMemo, useState } from 'react';
import { useOrganization, useOrganizationList } from '@clerk/react';
import { useNavigate } from 'react-router';

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

/** Where this page's visit to `slug` stands: asked to activate it, seen it active, or failed to. */
type Claim = { slug: string; phase: 'activating' | 'active' } | { slug: string; phase: 'failed'; error: unknown };

// Pages of the user's memberships, followed until the slug is found: no fixed cap on how many a user has.
const MEMBERSHIP_PAGES = { infinite: true, pageSize: 50 } as const;

/**
 * Makes the organization named in the URL the active one (members only), then lets the URL follow the user's own
 * switches: `pathFor(slug)` names the same page for another organization, `pathFor(null)` the personal account's.
 * Pass a function defined once (not inline), so the effect does not rerun on every render.
 * Why: docs/architecture.md, "Keeping the SPA in step with Clerk".
 */
export function useOrganizationSync(slug: string, pathFor: (slug: string | null) => string): OrganizationSync {
  const { isLoaded, setActive, userMemberships } = useOrganizationList({ userMemberships: MEMBERSHIP_PAGES });
  const { organization: active } = useOrganization();
  const navigate = useNavigate();
  const [claim, setClaim] = useState<Claim | null>(null);
  // Clerk's slugs are lowercase; a URL typed as /orgs/ACME still names Acme.
  const membership = userMemberships.data?.find((entry) => entry.organization.slug === slug.toLowerCase());
  const target = useMemo(() => (membership ? pick(membership.organization) : null), [membership]);
  // Once found, a background refetch of the memberships must not unmount the page (and what is typed in it).
  const searching = !isLoaded || userMemberships.isLoading || (!target && (userMemberships.isFetching || userMemberships.hasNextPage));
  const isActive = target !== null && active?.id === target.id;
  const claimed = claim?.slug === slug ? claim : null;

  useEffect(() => {
    if (isLoaded && !target && userMemberships.hasNextPage && !userMemberships.isFetching) userMemberships.fetchNext();
  }, [isLoaded, target, userMemberships]);

  useEffect(() => {
    // One URL per organization: another spelling of its slug is replaced by the canonical one.
    if (target && target.slug !== slug) void navigate(pathFor(target.slug), { replace: true });
  }, [target, slug, navigate, pathFor]);

  useEffect(() => {
    // Activated once the URL is canonical, so a claim made under the other spelling never switches twice.
    if (!target || !setActive || target.slug !== slug) return;
    if (isActive) {
      // Records that Clerk (outside React) reports it active, so a later switch away is the user's own.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
      if (claimed?.phase !== 'active') setClaim({ slug, phase: 'active' });
      return;
    }
    if (claimed?.phase === 'active') {
      // It was active and the user switched away (the header's switcher): the page follows them.
      void navigate(pathFor(active?.slug ?? null));
      return;
    }
    if (claimed) return;
    setClaim({ slug, phase: 'activating' });
    setActive({ organization: target.id }).catch((error: unknown) =>
      setClaim((current) => (current?.slug === slug ? { slug, phase: 'failed', error } : current)),
    );
  }, [target, isActive, claimed, slug, setActive, navigate, pathFor, active?.slug]);

  if (searching) return { status: 'loading' };
  if (!target) return { status: 'not-member' };
  if (isActive) return { status: 'active', organization: target };
  if (claimed?.phase === 'failed') return { status: 'failed', organization: target, error: claimed.error, retry: () => setClaim(null) };
  return { status: 'switching', organization: target };
}

function pick({ id, slug, name }: { id: string; slug: string | null; name: string }): SyncedOrganization {
  return { id, slug: slug ?? id, name };
}
