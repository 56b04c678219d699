import { Router } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { callerSession, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { fapiMembership, fapiUser } from './fapi-json.ts';
import { paginated } from './organization-routes.ts';

/**
 * `/v1/me`: the signed-in user as `<UserProfile>` and `<OrganizationSwitcher>`
 * read and change it.
 */
const UpdateMe = z.object({
  first_name: z.string().trim().max(256).optional(),
  last_name: z.string().trim().max(256).optional(),
});

export function meRouter(deps: FrontendDeps): Router {
  const router = Router();
  const { store } = deps;
  const now = () => (deps.now ?? Date.now)();

  router.get('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    sendWithClient(req, res, deps, (ctx) => fapiUser(user, ctx));
  });

  router.patch('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const body = UpdateMe.parse(req.body ?? {});
    store.update(() => {
      if (body.first_name !== undefined) user.firstName = body.first_name || null;
      if (body.last_name !== undefined) user.lastName = body.last_name || null;
      user.updatedAt = now();
    });
    sendWithClient(req, res, deps, (ctx) => fapiUser(user, ctx));
  });

  router.get('/organization_memberships', (req, res) => {
    const { user } = callerSession(req, res, deps);
    sendWithClient(req, res, deps, (ctx) => paginated(store.membershipsOfUser(user.id).map((m) => fapiMembership(m, ctx))));
  });

  // Leaving an organization; its last admin cannot leave it without one.
  router.delete('/organization_memberships/:orgId', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const membership = store.membership(user.id, req.params.orgId);
    if (!membership) throw new EmulatorError(404, 'resource_not_found', 'You are not a member of this organization.');
    const otherAdmins = store.membershipsOfOrganization(membership.organizationId).filter((m) => m.role === 'org:admin' && m.id !== membership.id);
    if (membership.role === 'org:admin' && otherAdmins.length === 0) {
      throw new EmulatorError(422, 'organization_minimum_admins', 'An organization needs at least one admin.');
    }
    sendWithClient(req, res, deps, (ctx) => {
      const json = fapiMembership(membership, ctx);
      store.update((data) => void (data.memberships = data.memberships.filter((m) => m.id !== membership.id)));
      return json;
    });
  });

  // Invitations and suggestions need email delivery and verified domains, which local mode has not.
  for (const list of ['organization_invitations', 'organization_suggestions']) {
    router.get(`/${list}`, (req, res) => {
      callerSession(req, res, deps);
      sendWithClient(req, res, deps, () => paginated([]));
    });
  }

  return router;
}
