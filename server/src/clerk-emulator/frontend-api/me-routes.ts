import { Router } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import type { StoredUser } from '../store/store.ts';
import { callerSession, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { meEmailRouter } from './me-email-routes.ts';
import { mePasswordRouter } from './me-password-routes.ts';
import { fapiMembership, fapiUser } from './fapi-json.ts';
import { paginated } from './organization-routes.ts';

/**
 * `/v1/me`: the signed-in user as `<UserProfile>` and `<OrganizationSwitcher>`
 * read and change it: names, the primary email address, and (in their own
 * files) email addresses and the password.
 */
const UpdateMe = z.object({
  first_name: z.string().trim().max(256).optional(),
  last_name: z.string().trim().max(256).optional(),
  primary_email_address_id: z.string().optional(),
});

export function meRouter(deps: FrontendDeps): Router {
  const router = Router();
  const { store } = deps;
  const now = () => (deps.now ?? Date.now)();

  router.use('/email_addresses', meEmailRouter(deps));
  router.use(mePasswordRouter(deps));

  router.get('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    sendWithClient(req, res, deps, (ctx) => fapiUser(user, ctx));
  });

  router.patch('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const body = UpdateMe.parse(req.body ?? {});
    if (body.primary_email_address_id !== undefined) assertCanBePrimary(user, body.primary_email_address_id);
    store.update(() => {
      if (body.first_name !== undefined) user.firstName = body.first_name || null;
      if (body.last_name !== undefined) user.lastName = body.last_name || null;
      if (body.primary_email_address_id !== undefined) user.primaryEmailAddressId = body.primary_email_address_id;
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

  // Suggestions come from verified domains, which local mode has not (invitations: invitation-routes.ts).
  router.get('/organization_suggestions', (req, res) => {
    callerSession(req, res, deps);
    sendWithClient(req, res, deps, () => paginated([]));
  });

  return router;
}

/** Only a verified address of the user's own can become the one they sign in and are written to with. */
function assertCanBePrimary(user: StoredUser, emailAddressId: string): void {
  const address = user.emailAddresses.find((candidate) => candidate.id === emailAddressId);
  if (!address) throw formError('form_param_value_invalid', 'No such email address on your account.', 'primary_email_address_id');
  if (address.verifiedBy === null) {
    throw formError('form_identification_not_verified', 'Verify this email address before making it primary.', 'primary_email_address_id');
  }
}
