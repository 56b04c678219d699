import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, containsControlCharacters } from '../http/control-characters.ts';
import { sendClerkJson } from '../http/clerk-http.ts';
import { membershipJson, paginatedJson, totalCountJson, userJson } from '../http/clerk-json.ts';
import { deletedObjectJson, deleteUser } from '../store/deletions.ts';
import type { EmulatorDeps } from '../deps.ts';
import { ListQuerySchema, PageQuerySchema, page, requireOrderBy, sortBy, type ListQuery } from './list-query.ts';
import { mergeMetadata } from '../store/metadata.ts';
import type { EmulatorStore, StoredUser } from '../store/store.ts';
import { backendLookups } from './backend-lookups.ts';

const Metadata = z.record(z.string(), z.unknown());
// Refused before trimming: a control character at either end is as much a mistake as one inside.
const Name = z
  .string()
  .refine((name) => !containsControlCharacters(name), CONTROL_CHARACTERS_MESSAGE)
  .trim()
  .max(256)
  .nullable()
  .optional();

/** `PATCH /v1/users/:id`: the attributes this stand-in supports; anything else is refused, not ignored. */
const UpdateUserSchema = z.strictObject({
  first_name: Name,
  last_name: Name,
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
  unsafe_metadata: Metadata.optional(),
});

/** The metadata bodies: merged by PATCH, replaced by PUT (what `updateUser` with metadata sends). */
const MetadataBodySchema = z.strictObject({
  public_metadata: Metadata.nullable().optional(),
  private_metadata: Metadata.nullable().optional(),
  unsafe_metadata: Metadata.nullable().optional(),
});
type MetadataBody = Partial<Record<(typeof METADATA_FIELDS)[number][0], Record<string, unknown> | null>>;

type Combine = (current: Record<string, unknown>, incoming: Record<string, unknown> | null) => Record<string, unknown>;
const mergeMetadataField: Combine = (current, incoming) => (incoming ? mergeMetadata(current, incoming) : current);
// A provided field replaces the stored one whole; null clears it.
const replaceMetadataField: Combine = (_current, incoming) => incoming ?? {};

const METADATA_FIELDS = [
  ['public_metadata', 'publicMetadata'],
  ['private_metadata', 'privateMetadata'],
  ['unsafe_metadata', 'unsafeMetadata'],
] as const;

/** An omitted field keeps its value. */
function applyMetadata(user: StoredUser, body: MetadataBody, combine: Combine): void {
  for (const [param, field] of METADATA_FIELDS) {
    const incoming = body[param];
    if (incoming !== undefined) user[field] = combine(user[field], incoming);
  }
}

const USER_ORDER_FIELDS: Record<string, (user: StoredUser) => string | number | null> = {
  created_at: (user) => user.createdAt,
  updated_at: (user) => user.updatedAt,
  last_sign_in_at: (user) => user.lastSignInAt,
  last_active_at: (user) => user.lastActiveAt,
  first_name: (user) => user.firstName?.toLowerCase() ?? null,
  last_name: (user) => user.lastName?.toLowerCase() ?? null,
  email_address: (user) => user.emailAddresses[0]?.emailAddress ?? null,
};

/**
 * Clerk's `query` matches ids, names and email addresses, case-insensitively.
 * Each word on its own, in any order ("turing alan" finds Alan Turing), as
 * people type names: every word must match one of those fields.
 */
function matchesQuery(user: StoredUser, query: string): boolean {
  const haystack = [user.id, user.firstName, user.lastName, ...user.emailAddresses.map((a) => a.emailAddress)].flatMap((value) =>
    value ? [value.toLowerCase()] : [],
  );
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((word) => haystack.some((value) => value.includes(word)));
}

export function filterUsers(store: EmulatorStore, query: ListQuery): StoredUser[] {
  const emails = query.email_address?.map((email) => email.trim().toLowerCase());
  return store.data.users.filter(
    (user) =>
      (!query.query || matchesQuery(user, query.query)) &&
      (!query.user_id || query.user_id.includes(user.id)) &&
      (!emails || user.emailAddresses.some((address) => emails.includes(address.emailAddress))) &&
      (!query.banned || (user.banned ?? false) === (query.banned === 'true')) &&
      (!query.organization_id || store.membershipsOfUser(user.id).some((m) => query.organization_id!.includes(m.organizationId))),
  );
}

export function backendUsersRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { now, context, requireUser } = backendLookups(deps);
  const router = Router();

  router.get('/users', (req, res) => {
    const query = ListQuerySchema.parse(req.query);
    const users = page(sortBy(filterUsers(store, query), requireOrderBy(query.order_by, USER_ORDER_FIELDS)), query);
    const ctx = context();
    // A bare array, as Clerk answers; @clerk/backend gets the total from /users/count.
    sendClerkJson(
      res,
      200,
      users.map((user) => userJson(user, ctx)),
    );
  });

  router.get('/users/count', (req, res) => {
    sendClerkJson(res, 200, totalCountJson(filterUsers(store, ListQuerySchema.parse(req.query)).length));
  });

  router.get('/users/:id', (req, res) => sendClerkJson(res, 200, userJson(requireUser(req.params.id), context())));

  router.patch('/users/:id', (req, res) => {
    const user = requireUser(req.params.id);
    const body = UpdateUserSchema.parse(req.body ?? {});
    store.update(() => {
      if (body.first_name !== undefined) user.firstName = body.first_name || null;
      if (body.last_name !== undefined) user.lastName = body.last_name || null;
      applyMetadata(user, body, replaceMetadataField);
      user.updatedAt = now();
    });
    sendClerkJson(res, 200, userJson(user, context()));
  });

  router.delete('/users/:id', (req, res) => {
    const user = requireUser(req.params.id);
    deleteUser(store, user.id);
    sendClerkJson(res, 200, deletedObjectJson('user', user.id));
  });

  // PATCH merges (updateUserMetadata); PUT replaces (what updateUser with metadata sends).
  const metadataRoute =
    (combine: Combine): RequestHandler =>
    (req, res) => {
      const user = requireUser(String(req.params.id));
      const body = MetadataBodySchema.parse(req.body ?? {});
      store.update(() => {
        applyMetadata(user, body, combine);
        user.updatedAt = now();
      });
      sendClerkJson(res, 200, userJson(user, context()));
    };
  router.patch('/users/:id/metadata', metadataRoute(mergeMetadataField));
  router.put('/users/:id/metadata', metadataRoute(replaceMetadataField));

  router.get('/users/:id/organization_memberships', (req, res) => {
    const user = requireUser(req.params.id);
    const query = PageQuerySchema.parse(req.query);
    const memberships = [...store.membershipsOfUser(user.id)].sort((a, b) => b.createdAt - a.createdAt);
    const ctx = context();
    sendClerkJson(
      res,
      200,
      paginatedJson(
        page(memberships, query).map((m) => membershipJson(m, ctx)),
        memberships.length,
      ),
    );
  });

  return router;
}
