import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/** Where an organization page's visit stands: asked Clerk to activate the URL's organization, seen it active, or failed to. */
export type VisitClaim = { organizationId: string; phase: 'activating' | 'active' } | { organizationId: string; phase: 'failed'; error: unknown };

/** Claims by history entry (react-router's `location.key`); only the current entry's is kept. */
type Visits = Map<string, VisitClaim>;

const VisitsContext = createContext<Visits | null>(null);

/**
 * Remembers what the organization page of the current history entry has
 * done, above the page itself. The page can unmount and mount again within
 * one visit (clerk-js passes through a signed-out-looking state while it
 * switches, and the page waits that out): it must then remember that it
 * already activated the URL's organization, so that a switch the user made
 * in the meantime moves the URL instead of being undone. A new visit (a link,
 * Back, a reload) starts afresh, so the URL's organization is activated again.
 */
export function OrganizationVisitsProvider({ children }: { children: ReactNode }) {
  const { key } = useLocation();
  // A mutable store, not state: pages read and write it; nothing renders from it directly.
  const [visits] = useState<Visits>(() => new Map());
  useEffect(() => {
    // Runs after the new page's own effects, so its claim (under the new key) survives.
    for (const visit of visits.keys()) if (visit !== key) visits.delete(visit);
  }, [key, visits]);
  return <VisitsContext.Provider value={visits}>{children}</VisitsContext.Provider>;
}

/** The current visit's claim, kept across remounts within the visit; `set` records a new one. */
export function useVisitClaim(visit: string): [VisitClaim | null, (claim: VisitClaim | null) => void] {
  const visits = useContext(VisitsContext);
  if (!visits) throw new Error('useVisitClaim needs an OrganizationVisitsProvider above it.');
  const [state, setState] = useState(() => ({ visit, claim: visits.get(visit) ?? null }));
  const claim = state.visit === visit ? state.claim : (visits.get(visit) ?? null);
  const set = (next: VisitClaim | null) => {
    if (next) visits.set(visit, next);
    else visits.delete(visit);
    setState({ visit, claim: next });
  };
  return [claim, set];
}
