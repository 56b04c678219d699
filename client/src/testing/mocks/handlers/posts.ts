import { http, HttpResponse } from 'msw';
import { ERROR_CODES, INVALID_FIELDS_MESSAGE } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { decodeCursor, encodeCursor, type PostCursor } from '#shared/post-cursor';
import { postListRefusal } from '#shared/post-policy';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeySchema,
  PostInputSchema,
  PostListQuerySchema,
  PostPatchSchema,
  idempotentCreationParts,
  type PostPage,
} from '#shared/posts';
import {
  canDelete,
  canEdit,
  canSee,
  keyedCreation,
  listedPosts,
  recordKeyedCreation,
  removeStoredPost,
  seedPost,
  storedPost,
  toPost,
  updateStoredPost,
  type Caller,
  type StoredPost,
} from '../data/posts-store.ts';
import {
  apiUrl,
  errorResponse,
  forbiddenResponse,
  invalidFieldResponse,
  jsonBody,
  unauthenticatedResponse,
  validationFailedResponse,
} from './api-auth.ts';
import { errorVariants } from './error-variants.ts';
import { callerOf } from './me.ts';

const LIST = '/api/posts';
const ITEM = '/api/posts/:id';

const notFound = () => errorResponse(404, ERROR_CODES.notFound, API_MESSAGES.postNotFound);

/** The caller's post by URL id, as the real API finds it: 404 alike for missing and not visible. */
function visiblePost(caller: Caller, id: unknown) {
  const post = typeof id === 'string' ? storedPost(id.toLowerCase()) : undefined;
  return post && canSee(caller, post) ? post : null;
}

/** Newer first, as the API's `ORDER BY created_at DESC, id DESC`: is `post` past `cursor`? */
function isPast(post: StoredPost, cursor: PostCursor): boolean {
  const at = cursor.createdAt.toISOString();
  return post.createdAt < at || (post.createdAt === at && post.id < cursor.id);
}

/** One page after `cursor` (the API's cursor, read and written by the same code), as PostPage. */
function page(caller: Caller, all: StoredPost[], after: PostCursor | null, limit: number): PostPage {
  const rest = after ? all.filter((post) => isPast(post, after)) : all;
  const slice = rest.slice(0, limit);
  const last = slice.at(-1);
  return {
    posts: slice.map((post) => toPost(caller, post)),
    nextCursor: rest.length > limit && last ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null,
  };
}

const listDefault = http.get(apiUrl(LIST), async ({ request }) => {
  const caller = await callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const parsed = PostListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  const { scope, cursor, limit } = parsed.data;
  const refusal = postListRefusal(caller, scope);
  if (refusal?.status === 400) return invalidFieldResponse(refusal.field, refusal.message);
  if (refusal) return forbiddenResponse(refusal.message);
  const after = cursor === undefined ? null : decodeCursor(cursor);
  if (cursor !== undefined && after === null) return invalidFieldResponse('cursor', API_MESSAGES.postCursorInvalid);
  return HttpResponse.json(page(caller, listedPosts(caller, scope), after, limit));
});

/** POST /api/posts as the real API answers it, Idempotency-Key included. */
async function createResponse(request: Request): Promise<Response> {
  const caller = await callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  const parsedKey = key === null ? null : IdempotencyKeySchema.safeParse(key);
  if (parsedKey && !parsedKey.success) {
    return errorResponse(400, ERROR_CODES.validationFailed, INVALID_FIELDS_MESSAGE, {
      [IDEMPOTENCY_KEY_HEADER]: parsedKey.error.issues.map((issue) => issue.message),
    });
  }
  const parsed = PostInputSchema.safeParse(await jsonBody(request));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  const fingerprint = JSON.stringify(idempotentCreationParts(caller.orgId, parsed.data));
  const earlier = key === null ? undefined : keyedCreation(caller.userId, key);
  if (earlier && earlier.fingerprint !== fingerprint) return errorResponse(422, ERROR_CODES.idempotencyKeyReused, API_MESSAGES.idempotencyKeyReused);
  if (earlier) return HttpResponse.json(earlier.post, { status: 201, headers: { [IDEMPOTENT_REPLAYED_HEADER]: 'true' } });
  // The organization comes from the token, never from the body.
  const post = toPost(caller, seedPost({ authorId: caller.userId, organizationId: caller.orgId, ...parsed.data }));
  if (key !== null) recordKeyedCreation(caller.userId, key, { fingerprint, post });
  return HttpResponse.json(post, { status: 201 });
}

const createDefault = http.post(apiUrl(LIST), ({ request }) => createResponse(request));

/** The ambiguous failure: the post is written, then the answer is lost (a 503 from a proxy), once. */
const createWrittenThenFailed = http.post(
  apiUrl(LIST),
  async ({ request }) => {
    await createResponse(request);
    return errorResponse(503, ERROR_CODES.databaseUnavailable, API_MESSAGES.databaseUnavailable);
  },
  { once: true },
);

const getDefault = http.get(apiUrl(ITEM), async ({ request, params }) => {
  const caller = await callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const post = visiblePost(caller, params.id);
  return post ? HttpResponse.json(toPost(caller, post)) : notFound();
});

const updateDefault = http.patch(apiUrl(ITEM), async ({ request, params }) => {
  const caller = await callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const parsed = PostPatchSchema.safeParse(await jsonBody(request));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  const post = visiblePost(caller, params.id);
  if (!post) return notFound();
  if (!canEdit(caller, post)) return forbiddenResponse(API_MESSAGES.postEditForbidden);
  return HttpResponse.json(toPost(caller, updateStoredPost(post, parsed.data)));
});

const deleteDefault = http.delete(apiUrl(ITEM), async ({ request, params }) => {
  const caller = await callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const post = visiblePost(caller, params.id);
  if (!post) return notFound();
  if (!canDelete(caller, post)) return forbiddenResponse(API_MESSAGES.postDeleteForbidden);
  removeStoredPost(post.id);
  return new HttpResponse(null, { status: 204 });
});

/** A 400 the form cannot foresee: the API refuses a field its own rules reject. */
const fieldRejected = (method: 'post' | 'patch', path: string, field: string, message: string) =>
  http[method](apiUrl(path), () => invalidFieldResponse(field, message));

/** The posts endpoints: `default` follows the shared rules over the in-memory posts; the rest are failure modes. */
export const postsHandlers = {
  list: { default: listDefault, ...errorVariants('get', LIST) },
  create: {
    default: createDefault,
    titleRejected: fieldRejected('post', LIST, 'title', 'This title is already taken'),
    writtenThenFailed: createWrittenThenFailed,
    ...errorVariants('post', LIST),
  },
  get: { default: getDefault, ...errorVariants('get', ITEM) },
  update: {
    default: updateDefault,
    bodyRejected: fieldRejected('patch', ITEM, 'body', 'Links are not allowed'),
    ...errorVariants('patch', ITEM),
  },
  delete: { default: deleteDefault, ...errorVariants('delete', ITEM) },
};

export const postsDefaultHandlers = [listDefault, createDefault, getDefault, updateDefault, deleteDefault];
