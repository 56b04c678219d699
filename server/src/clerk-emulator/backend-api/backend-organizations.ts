import { Router } from 'express';
import { membershipJson, organizationJson, paginatedJson } from '../http/clerk-json.ts';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import { deletedObjectJson, deleteOrganization } from '../store/deletions.ts';
import type { EmulatorDeps } from '../deps.ts';
import { ListQuerySchema, page, requireOrderBy, sortBy } from './list-query.ts';
import type { StoredMembership, StoredOrganization } from '../store/store.ts';
import { backendLookups } from './backend-lookups.ts';

const ORGANIZATION_ORDER_FIELDS: Record<string, (org: StoredOrganization) => string | number | null> = {
  created_at: (org) => org.createdAt,
  name: (org) => org.name.toLowerCase(),
};

const MEMBERSHIP_ORDER_FIELDS: Record<string, (membership: StoredMembership) => string | number | null> = {
  created_at: (membership) => membership.createdAt,
  updated_at: (membership) => membership.updatedAt,
};

/** Organizations and their memberships, as `clerkClient.organizations` reads them. */
export function backendOrganizationsRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { context, requireOrganization } = backendLookups(deps);
  const router = Router();

  router.get('/organizations', (req, res) => {
    const query = ListQuerySchema.parse(req.query);
    const order = requireOrderBy(query.order_by, ORGANIZATION_ORDER_FIELDS);
    const needle = query.query?.trim().toLowerCase();
    const matching = store.data.organizations.filter(
      (org) => !needle || [org.id, org.name, org.slug].some((value) => value.toLowerCase().includes(needle)),
    );
    const ctx = context();
    sendClerkJson(
      res,
      200,
      paginatedJson(
        page(sortBy(matching, order), query).map((org) => organizationJson(org, ctx)),
        matching.length,
      ),
    );
  });

  router.get('/organizations/:idOrSlug', (req, res) => {
    sendClerkJson(res, 200, organizationJson(requireOrganization(req.params.idOrSlug), context()));
  });

  // By id only, as Clerk's: a slug can be reused, an id cannot.
  router.delete('/organizations/:id', (req, res) => {
    const organization = store.data.organizations.find((candidate) => candidate.id === req.params.id);
    if (!organization) throw notFound('Organization');
    deleteOrganization(store, organization.id);
    sendClerkJson(res, 200, deletedObjectJson('organization', organization.id));
  });

  router.get('/organizations/:idOrSlug/memberships', (req, res) => {
    const organization = requireOrganization(req.params.idOrSlug);
    const query = ListQuerySchema.parse(req.query);
    const order = requireOrderBy(query.order_by, MEMBERSHIP_ORDER_FIELDS);
    const matching = store
      .membershipsOfOrganization(organization.id)
      .filter((m) => (!query.user_id || query.user_id.includes(m.userId)) && (!query.role || query.role.includes(m.role)));
    const ctx = context();
    sendClerkJson(
      res,
      200,
      paginatedJson(
        page(sortBy(matching, order), query).map((m) => membershipJson(m, ctx)),
        matching.length,
      ),
    );
  });

  return router;
}
