import { z } from 'zod';

/**
 * Posts: the form the SPA validates and the API enforces, and what the API
 * answers. The organization of a post is never sent: the API takes it from the
 * caller's active organization (a body `organizationId`, like `authorId` or
 * `role`, is stripped as an unknown key and has no effect).
 */
export const POST_TITLE_MAX_LENGTH = 200;
export const POST_BODY_MAX_LENGTH = 10_000;
export const POST_PAGE_DEFAULT_LIMIT = 20;
export const POST_PAGE_MAX_LIMIT = 50;
/** The organization permission that lets a member delete any post of the active organization. */
export const POSTS_MANAGE_PERMISSION = 'org:posts:manage';

/** PostgreSQL text cannot hold U+0000; refusing it here keeps it a 400, not a database error. */
const noNulCharacter = (value: string) => !value.includes('\u0000');

const titleSchema = z
  .string()
  .trim()
  .min(1, 'Enter a title')
  .max(POST_TITLE_MAX_LENGTH, `Use at most ${POST_TITLE_MAX_LENGTH} characters`)
  .refine(noNulCharacter, 'Remove the NUL character');

const bodySchema = z
  .string()
  .max(POST_BODY_MAX_LENGTH, `Use at most ${POST_BODY_MAX_LENGTH.toLocaleString('en')} characters`)
  .refine(noNulCharacter, 'Remove the NUL character');

/** POST /api/posts. */
export const PostInputSchema = z.object({
  title: titleSchema,
  body: bodySchema.default(''),
});
export type PostInput = z.input<typeof PostInputSchema>;
export type ValidPostInput = z.output<typeof PostInputSchema>;

/**
 * POST /api/posts may carry an `Idempotency-Key` header: one key per post the
 * user means to write, the same on every retry of it. The API answers a retry
 * with the first answer (201 and the same post) instead of writing a second;
 * the same key with a different post answers 422 `idempotency_key_reused`.
 * Keys are the user's own (another user's equal key is unrelated) and are
 * remembered for at least 24 hours. A UUID is a good key.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** On a 201 that answers a retry: the post was created by the first request with this key. Exposed to the SPA by CORS. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** What makes two creations with one key the same request: the same post, filed under the same organization (the token's). */
export function idempotentCreationParts(orgId: string | null, input: ValidPostInput): readonly unknown[] {
  return [orgId, input.title, input.body];
}

/** Bounded and plain (letters, digits, `-_.:`), so a key is never a way to smuggle text into storage or logs. */
export const IdempotencyKeySchema = z
  .string()
  .regex(
    new RegExp(`^[A-Za-z0-9_.:-]{1,${IDEMPOTENCY_KEY_MAX_LENGTH}}$`),
    `Send 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} letters, digits or - _ . : (a UUID, for example)`,
  );

/**
 * PATCH /api/posts/:id: the fields to change. Built from the field schemas, not
 * with `.partial()` of the input, so a missing `body` is left alone rather than
 * defaulted to '' and erased.
 */
export const PostPatchSchema = z
  .object({ title: titleSchema.optional(), body: bodySchema.optional() })
  .refine((patch) => patch.title !== undefined || patch.body !== undefined, 'Change at least one field');
export type PostPatch = z.infer<typeof PostPatchSchema>;

/** What the caller may do with a post, computed by the API from the same rules it enforces. */
export const PostPermissionsSchema = z.object({
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type PostPermissions = z.infer<typeof PostPermissionsSchema>;

/**
 * Who wrote a post, from the API's copy of Clerk's users (kept by Clerk's
 * webhooks). `name` is null when the API has no copy of the user yet or the
 * account was deleted; the SPA then shows a placeholder. `imageUrl` is an
 * http(s) URL or null.
 */
export const PostAuthorSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  imageUrl: z.string().nullable(),
  /** The account was deleted. Its posts are deleted with it, so this shows only for a moment. */
  deleted: z.boolean(),
});
export type PostAuthor = z.infer<typeof PostAuthorSchema>;

export const PostSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  /** Same as `author.id`. */
  authorId: z.string(),
  author: PostAuthorSchema,
  /** The author's active organization when the post was written; null for a personal post. */
  organizationId: z.string().nullable(),
  /**
   * That organization's name from the API's copy of Clerk's organizations:
   * null for a personal post, and when the API has no copy (or it was deleted).
   * The SPA prefers the name in the viewer's own memberships, which is fresher.
   */
  organizationName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  permissions: PostPermissionsSchema,
});
export type Post = z.infer<typeof PostSchema>;

/**
 * What GET /api/posts lists: `mine-and-org`, the caller's own posts and their
 * active organization's (the feed); `org`, their active organization's alone
 * (an organization's page); `all`, every post (app moderators and admins).
 */
export const POST_SCOPES = ['mine-and-org', 'org', 'all'] as const;
export type PostScope = (typeof POST_SCOPES)[number];

/** GET /api/posts query string. */
export const PostListQuerySchema = z.object({
  /** Opaque: pass back the `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce
    .number('Send a number')
    .int('Send a whole number')
    .min(1, 'Ask for at least 1 post')
    .max(POST_PAGE_MAX_LIMIT, `Ask for at most ${POST_PAGE_MAX_LIMIT} posts`)
    .default(POST_PAGE_DEFAULT_LIMIT),
  /** See POST_SCOPES. `org` needs an active organization; `all` is for app moderators and admins only. */
  scope: z.enum(POST_SCOPES).default('mine-and-org'),
});
export type PostListQuery = z.input<typeof PostListQuerySchema>;
export type ValidPostListQuery = z.output<typeof PostListQuerySchema>;

export const PostPageSchema = z.object({
  posts: z.array(PostSchema),
  /** null on the last page. */
  nextCursor: z.string().nullable(),
});
export type PostPage = z.infer<typeof PostPageSchema>;
