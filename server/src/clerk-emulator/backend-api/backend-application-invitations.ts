import { Router } from 'express';
import { z } from 'zod';
import { applicationInvitationJson } from '../http/application-invitation-json.ts';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import {
  applicationInvitationStatus,
  createApplicationInvitations,
  revokeApplicationInvitation,
  type NewApplicationInvitation,
} from '../store/application-invitations.ts';
import type { StoredApplicationInvitation } from '../store/store.ts';
import type { EmulatorDeps } from '../deps.ts';
import { PageQuerySchema, arrayOrPage, page, requireOrderBy, sortBy } from './list-query.ts';

/**
 * Application invitations as a server sends them (`clerkClient.invitations`: `createInvitation`, `createInvitationBulk`,
 * `getInvitationList`, `revokeInvitation`). Each email goes to the local inbox (unless `notify: false`) with its
 * ticket link; signing up through it accepts the invitation (frontend-api/invitation-ticket.ts).
 */
const Metadata = z.record(z.string(), z.unknown());
const NewInvitationSchema = z.strictObject({
  email_address: z.string(),
  public_metadata: Metadata.nullable().optional(),
  // The email's link, with the ticket added: web addresses only.
  redirect_url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  notify: z.boolean().nullable().optional(),
  ignore_existing: z.boolean().nullable().optional(),
  expires_in_days: z.number().int().min(1).max(365).nullable().optional(),
  template_slug: z.enum(['invitation', 'waitlist_invitation']).optional(),
});
const BulkSchema = z.array(NewInvitationSchema).min(1).max(10);
const STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
const ListSchema = PageQuerySchema.extend({
  status: z.enum(STATUSES).optional(),
  query: z.string().optional(),
  order_by: z.string().default('-created_at'),
});

function toNew(body: z.infer<typeof NewInvitationSchema>): NewApplicationInvitation {
  return {
    emailAddress: body.email_address,
    publicMetadata: body.public_metadata,
    redirectUrl: body.redirect_url,
    notify: body.notify,
    ignoreExisting: body.ignore_existing,
    expiresInDays: body.expires_in_days,
    templateSlug: body.template_slug,
  };
}

export function backendApplicationInvitationsRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const json = (invitation: StoredApplicationInvitation) => applicationInvitationJson(invitation, now());
  const router = Router();

  router.post('/invitations', (req, res) => {
    const [invitation] = createApplicationInvitations(deps, [toNew(NewInvitationSchema.parse(req.body ?? {}))], { bulk: false }, now());
    sendClerkJson(res, 200, json(invitation!));
  });

  // A bare array, as Clerk's spec answers it; all or nothing.
  router.post('/invitations/bulk', (req, res) => {
    const invitations = createApplicationInvitations(deps, BulkSchema.parse(req.body).map(toNew), { bulk: true }, now());
    sendClerkJson(res, 200, invitations.map(json));
  });

  router.get('/invitations', (req, res) => {
    const query = ListSchema.parse(req.query);
    const matching = listed(store.data.applicationInvitations, query, now());
    sendClerkJson(res, 200, arrayOrPage(req.query, page(matching, query).map(json), matching.length));
  });

  router.post('/invitations/:id/revoke', (req, res) => {
    const invitation = store.applicationInvitationById(req.params.id);
    if (!invitation) throw notFound('Invitation');
    sendClerkJson(res, 200, json(revokeApplicationInvitation(store, invitation, now())));
  });

  return router;
}

const ORDER_FIELDS: Record<string, (invitation: StoredApplicationInvitation) => string | number | null> = {
  created_at: (invitation) => invitation.createdAt,
  email_address: (invitation) => invitation.emailAddress,
  expires_at: (invitation) => invitation.expiresAt,
};

/**
 * Clerk's list: "all non-revoked invitations" unless `status` asks for one status (`revoked` included), `query`
 * matching the address or the id, ordered by `order_by` (an unsupported one is 422, as the emulator's other lists).
 */
function listed(invitations: StoredApplicationInvitation[], query: z.infer<typeof ListSchema>, now: number): StoredApplicationInvitation[] {
  const order = requireOrderBy(query.order_by, ORDER_FIELDS);
  const needle = query.query?.trim().toLowerCase();
  const matching = invitations.filter((invitation) => {
    const status = applicationInvitationStatus(invitation, now);
    const statusMatches = query.status ? status === query.status : status !== 'revoked';
    return statusMatches && (!needle || invitation.emailAddress.includes(needle) || invitation.id.toLowerCase().includes(needle));
  });
  return sortBy(matching, order);
}
