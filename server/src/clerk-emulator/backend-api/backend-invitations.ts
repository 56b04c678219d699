import { Router } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import { paginatedJson } from '../http/clerk-json.ts';
import { invitationJson } from '../http/invitation-json.ts';
import { createInvitations, invitationStatus, revokeInvitation, type NewInvitation } from '../store/invitations.ts';
import { ORGANIZATION_ROLE_KEYS } from '#shared/organization-roles';
import type { EmulatorDeps } from '../deps.ts';
import { PageQuerySchema, page } from './list-query.ts';
import { backendLookups } from './backend-lookups.ts';

/**
 * Organization invitations as a server sends them (`createOrganizationInvitation`, `…Bulk`,
 * `getOrganizationInvitationList`, `revokeOrganizationInvitation`). The email goes to the local
 * inbox, its link the `redirect_url` (or the app's sign-up page) with the invitation's ticket.
 */
const Metadata = z.record(z.string(), z.unknown());
const NewInvitationSchema = z.strictObject({
  email_address: z.string(),
  role: z.enum(ORGANIZATION_ROLE_KEYS),
  inviter_user_id: z.string().nullable().optional(),
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
  // The email's link, with the ticket added: web addresses only.
  redirect_url: z.url({ protocol: /^https?$/ }).optional(),
  expires_in_days: z.number().int().min(1).max(365).optional(),
  // Whether Clerk emails the invitation; nothing is sent locally either way.
  notify: z.boolean().optional(),
});
const BulkSchema = z.array(NewInvitationSchema).min(1).max(10);
const StatusList = z
  .union([z.enum(['pending', 'accepted', 'revoked', 'expired']), z.array(z.enum(['pending', 'accepted', 'revoked', 'expired']))])
  .optional()
  .transform((value) => (value === undefined ? undefined : [value].flat()));
const ListSchema = PageQuerySchema.extend({ status: StatusList, email_address: z.string().optional() });

export function backendInvitationsRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { now, context, requireOrganization } = backendLookups(deps);
  const toNew = (body: z.infer<typeof NewInvitationSchema>): NewInvitation => {
    const inviterId = body.inviter_user_id ?? null;
    if (inviterId !== null && !store.userById(inviterId)) {
      throw new EmulatorError(422, 'form_param_value_invalid', 'inviter_user_id names no user.', { inviter_user_id: ['No such user.'] });
    }
    return {
      emailAddress: body.email_address,
      role: body.role,
      inviterId,
      publicMetadata: body.public_metadata,
      privateMetadata: body.private_metadata,
      expiresInDays: body.expires_in_days,
      redirectUrl: body.redirect_url,
    };
  };
  const router = Router();

  router.post('/organizations/:id/invitations', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const [invitation] = createInvitations(deps, organization, [toNew(NewInvitationSchema.parse(req.body ?? {}))], now());
    sendClerkJson(res, 200, invitationJson(invitation!, context()));
  });

  router.post('/organizations/:id/invitations/bulk', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const invitations = createInvitations(deps, organization, BulkSchema.parse(req.body).map(toNew), now());
    const ctx = context();
    sendClerkJson(
      res,
      200,
      paginatedJson(
        invitations.map((invitation) => invitationJson(invitation, ctx)),
        invitations.length,
      ),
    );
  });

  router.get('/organizations/:id/invitations', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const query = ListSchema.parse(req.query);
    const ctx = context();
    const email = query.email_address?.trim().toLowerCase();
    const matching = store.data.invitations
      .filter((i) => i.organizationId === organization.id)
      .filter((i) => (!query.status || query.status.includes(invitationStatus(i, ctx.now))) && (!email || i.emailAddress === email))
      .sort((a, b) => b.createdAt - a.createdAt);
    sendClerkJson(
      res,
      200,
      paginatedJson(
        page(matching, query).map((invitation) => invitationJson(invitation, ctx)),
        matching.length,
      ),
    );
  });

  router.get('/organizations/:id/invitations/:invitationId', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const invitation = store.invitationById(req.params.invitationId);
    if (invitation?.organizationId !== organization.id) throw notFound('Organization invitation');
    sendClerkJson(res, 200, invitationJson(invitation, context()));
  });

  router.post('/organizations/:id/invitations/:invitationId/revoke', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const invitation = store.invitationById(req.params.invitationId);
    if (invitation?.organizationId !== organization.id) throw notFound('Organization invitation');
    revokeInvitation(store, invitation, now());
    sendClerkJson(res, 200, invitationJson(invitation, context()));
  });

  return router;
}
