import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { fapiInvitationJson } from '../http/invitation-json.ts';
import {
  acceptInvitation,
  createInvitations,
  invitationStatus,
  invitationsOfUser,
  pendingInvitations,
  revokeInvitation,
} from '../store/invitations.ts';
import { organizationRole, ORGANIZATION_ROLE_KEYS } from '#shared/organization-roles';
import type { StoredInvitation } from '../store/store.ts';
import { callerSession, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { paginated } from './organization-routes.ts';

/**
 * Organization invitations as Clerk's components use them: `<OrganizationProfile>` → Members → Invite
 * (single and bulk), the pending list and revoke; and the invited user's side, `<OrganizationList>` /
 * `<OrganizationSwitcher>` reading `/me/organization_invitations` and accepting one. Messages go to the
 * local inbox, with the invitation's ticket link (invitation-ticket.ts takes the ticket).
 */
const STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
const Invite = z.object({
  // clerk-js repeats `email_address` for bulk invitations, so one address arrives as a string.
  email_address: z.union([z.string(), z.array(z.string()).min(1).max(10)]).transform((value) => [value].flat()),
  role: z.enum(ORGANIZATION_ROLE_KEYS),
  notify: z.string().optional(),
});
const ListQuery = z.object({
  status: z
    .union([z.enum(STATUSES), z.array(z.enum(STATUSES))])
    .optional()
    .transform((value) => (value === undefined ? undefined : [value].flat())),
  limit: z.coerce.number().int().min(1).max(500).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

function pageOf<T>(items: T[], query: { limit: number; offset: number }) {
  return { data: items.slice(query.offset, query.offset + query.limit), total_count: items.length };
}

function withStatus(invitations: StoredInvitation[], statuses: readonly string[] | undefined, now: number): StoredInvitation[] {
  return statuses ? invitations.filter((invitation) => statuses.includes(invitationStatus(invitation, now))) : invitations;
}

/** Mounted on `/v1/organizations`. */
export function organizationInvitationRouter(deps: FrontendDeps): Router {
  const { store } = deps;
  const now = () => (deps.now ?? Date.now)();
  const router = Router();

  // Listing needs the manage permission too, as Clerk's: the invited addresses are not every member's to read.
  router.get('/:orgId/invitations', (req, res) => {
    const { organizationId } = requirePermission(req, res, 'org:sys_memberships:manage');
    const query = ListQuery.parse(req.query);
    const invitations = store.data.invitations.filter((i) => i.organizationId === organizationId).sort((a, b) => b.createdAt - a.createdAt);
    const listed = withStatus(invitations, query.status, now());
    sendWithClient(req, res, deps, (ctx) =>
      pageOf(
        listed.map((invitation) => fapiInvitationJson(invitation, ctx)),
        query,
      ),
    );
  });

  router.get('/:orgId/invitations/pending', (req, res) => {
    const { organizationId } = requirePermission(req, res, 'org:sys_memberships:manage');
    const pending = pendingInvitations(store, organizationId, now());
    sendWithClient(req, res, deps, (ctx) => paginated(pending.map((invitation) => fapiInvitationJson(invitation, ctx))));
  });

  router.post('/:orgId/invitations', (req, res) => {
    const [invitation] = invite(req, res);
    sendWithClient(req, res, deps, (ctx) => fapiInvitationJson(invitation!, ctx));
  });

  // clerk-js reads this answer as a bare array.
  router.post('/:orgId/invitations/bulk', (req, res) => {
    const invitations = invite(req, res);
    sendWithClient(req, res, deps, (ctx) => invitations.map((invitation) => fapiInvitationJson(invitation, ctx)));
  });

  router.post('/:orgId/invitations/:invitationId/revoke', (req, res) => {
    const { organizationId } = requirePermission(req, res, 'org:sys_memberships:manage');
    const invitation = store.invitationById(req.params.invitationId);
    if (invitation?.organizationId !== organizationId) throw new EmulatorError(404, 'resource_not_found', 'No such invitation.');
    revokeInvitation(store, invitation, now());
    sendWithClient(req, res, deps, (ctx) => fapiInvitationJson(invitation, ctx));
  });

  function invite(req: Request, res: Response): StoredInvitation[] {
    const { organizationId, userId } = requirePermission(req, res, 'org:sys_memberships:manage');
    const body = Invite.parse(req.body ?? {});
    const organization = store.organizationByIdOrSlug(organizationId)!;
    const inputs = body.email_address.map((emailAddress) => ({ emailAddress, role: body.role, inviterId: userId }));
    return createInvitations(deps, organization, inputs, now());
  }

  function requirePermission(req: Request, res: Response, permission: string): { organizationId: string; userId: string } {
    const { user } = callerSession(req, res, deps);
    const organization = store.organizationByIdOrSlug(String(req.params.orgId ?? ''));
    const membership = organization ? store.membership(user.id, organization.id) : undefined;
    if (!organization || !membership) throw new EmulatorError(404, 'resource_not_found', 'No such organization.');
    if (!organizationRole(membership.role).permissions.includes(permission)) {
      throw new EmulatorError(403, 'not_allowed_access', 'You are not allowed to do this in this organization.');
    }
    return { organizationId: organization.id, userId: user.id };
  }

  return router;
}

/** Mounted on `/v1/me`: the invitations addressed to the signed-in user's email addresses. */
export function meInvitationRouter(deps: FrontendDeps): Router {
  const { store } = deps;
  const now = () => (deps.now ?? Date.now)();
  const router = Router();

  router.get('/organization_invitations', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const query = ListQuery.parse(req.query);
    const listed = withStatus(invitationsOfUser(store, user), query.status, now());
    sendWithClient(req, res, deps, (ctx) =>
      pageOf(
        listed.map((invitation) => fapiInvitationJson(invitation, ctx)),
        query,
      ),
    );
  });

  router.post('/organization_invitations/:invitationId/accept', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const invitation = invitationsOfUser(store, user).find((candidate) => candidate.id === req.params.invitationId);
    if (!invitation) throw new EmulatorError(404, 'resource_not_found', 'No such invitation for your email addresses.');
    acceptInvitation(store, invitation, user, now());
    sendWithClient(req, res, deps, (ctx) => fapiInvitationJson(invitation, ctx));
  });

  return router;
}
