import type { EmulatorDeps } from '../deps.ts';
import { notFound } from '../http/clerk-http.ts';
import type { JsonContext } from '../http/clerk-json.ts';
import type { StoredOrganization, StoredUser } from '../store/store.ts';

/** What every Backend API router needs: the clock, the JSON context, and the users and organizations it names (404 otherwise). */
export function backendLookups(deps: EmulatorDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  return {
    now,
    context: (): JsonContext => ({ store, issuer: deps.issuer, now: now(), lockout: deps.lockout }),
    requireUser: (id: string): StoredUser => {
      const user = store.userById(id);
      if (!user) throw notFound('User');
      return user;
    },
    requireOrganization: (idOrSlug: string): StoredOrganization => {
      const organization = store.organizationByIdOrSlug(idOrSlug);
      if (!organization) throw notFound('Organization');
      return organization;
    },
  };
}
