import { Router } from 'express';
import { z } from 'zod';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import { paginatedJson } from '../http/clerk-json.ts';
import { EmulatorError } from '../http/errors.ts';
import { waitlistEntryJson } from '../http/waitlist-json.ts';
import { deletedObjectJson } from '../store/deletions.ts';
import type { StoredWaitlistEntry } from '../store/store.ts';
import { deleteWaitlistEntry, inviteWaitlistEntry, joinWaitlist, rejectWaitlistEntry } from '../store/waitlist.ts';
import type { EmulatorDeps } from '../deps.ts';
import { PageQuerySchema, page, requireOrderBy, sortBy } from './list-query.ts';

/** Waitlist entries as `clerkClient.waitlistEntries` calls them: list, create (one or in bulk), invite, reject, delete. */
const ORDER_FIELDS: Record<string, (entry: StoredWaitlistEntry) => string | number | null> = {
  created_at: (entry) => entry.createdAt,
  email_address: (entry) => entry.emailAddress,
  invited_at: (entry) => entry.invitedAt,
};
const ListSchema = PageQuerySchema.extend({
  query: z.string().optional(),
  status: z.enum(['pending', 'invited', 'completed', 'rejected']).optional(),
  order_by: z.string().default('-created_at'),
});
// `notify`: whether Clerk emails a confirmation; nothing is sent locally either way.
const NewEntrySchema = z.strictObject({ email_address: z.string(), notify: z.boolean().nullable().optional() });
const BulkSchema = z.array(NewEntrySchema).min(1).max(50);
const InviteSchema = z.strictObject({ ignore_existing: z.boolean().nullable().optional() });

export function backendWaitlistRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const json = (entry: StoredWaitlistEntry) => waitlistEntryJson(entry, store, now());
  const requireEntry = (id: string): StoredWaitlistEntry => {
    const entry = store.waitlistEntryById(id);
    if (!entry) throw notFound('Waitlist entry');
    return entry;
  };
  const router = Router();

  router.get('/waitlist_entries', (req, res) => {
    const query = ListSchema.parse(req.query);
    const order = requireOrderBy(query.order_by, ORDER_FIELDS);
    const needle = query.query?.trim().toLowerCase();
    const matching = store.data.waitlistEntries.filter(
      (entry) =>
        (!needle || entry.emailAddress.includes(needle) || entry.id.toLowerCase().includes(needle)) &&
        (!query.status || entry.status === query.status),
    );
    sendClerkJson(res, 200, paginatedJson(page(sortBy(matching, order), query).map(json), matching.length));
  });

  router.post('/waitlist_entries', (req, res) => {
    const body = NewEntrySchema.parse(req.body ?? {});
    sendClerkJson(res, 200, json(joinWaitlist(store, body.email_address, now()).entry));
  });

  // All or nothing: a bad address adds none of them. Clerk refuses an address twice in one request.
  router.post('/waitlist_entries/bulk', (req, res) => {
    const addresses = BulkSchema.parse(req.body).map((entry) => entry.email_address.trim().toLowerCase());
    const repeated = addresses.filter((address, index) => addresses.indexOf(address) !== index);
    if (repeated.length > 0) throw new EmulatorError(422, 'form_param_value_invalid', `${repeated.join(', ')} appears more than once.`);
    const invalid = addresses.find((address) => !z.email().safeParse(address).success);
    if (invalid !== undefined) throw new EmulatorError(422, 'form_param_format_invalid', `${invalid} is not a valid email address.`);
    const at = now();
    sendClerkJson(
      res,
      200,
      addresses.map((address) => json(joinWaitlist(store, address, at).entry)),
    );
  });

  router.post('/waitlist_entries/:id/invite', (req, res) => {
    const entry = requireEntry(req.params.id);
    const body = InviteSchema.parse(req.body ?? {});
    sendClerkJson(res, 200, json(inviteWaitlistEntry(deps, entry, body.ignore_existing ?? false, now())));
  });

  router.post('/waitlist_entries/:id/reject', (req, res) => {
    sendClerkJson(res, 200, json(rejectWaitlistEntry(store, requireEntry(req.params.id), now())));
  });

  router.delete('/waitlist_entries/:id', (req, res) => {
    const entry = requireEntry(req.params.id);
    deleteWaitlistEntry(store, entry);
    sendClerkJson(res, 200, deletedObjectJson('waitlist_entry', entry.id));
  });

  return router;
}
