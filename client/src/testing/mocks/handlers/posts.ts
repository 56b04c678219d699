import { http, HttpResponse } from 'msw';
import { ERROR_CODES } from '#shared/api-error';
import { PostInputSchema, PostListQuerySchema, PostPatchSchema, type PostPage } from '#shared/posts';
import {
  canDelete,
  canEdit,
  canSee,
  listedPosts,
  removeStoredPost,
  seedPost,
  storedPost,
  toPost,
  updateStoredPost,
  type Caller,
  type StoredPost,
} from '../data/posts-store.ts';
import { apiUrl, errorResponse, forbiddenResponse, jsonBody, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';
import { callerOf } from './me.ts';

const LIST = '/api/posts';
const ITEM = '/api/posts/:id';

const notFound = () => errorResponse(404, ERROR_CODES.notFound, 'No such post.');

/** The caller's post by URL id, as the real API finds it: 404 alike for missing and not visible. */
function visiblePost(caller: Caller, id: unknown) {
  const post = typeof id === 'string' ? storedPost(id.toLowerCase()) : undefined;
  return post && canSee(caller, post) ? post : null;
}

/** One page after `cursor` (the id of the previous page's last post), as PostPage. */
function page(caller: Caller, all: StoredPost[], cursor: string | undefined, limit: number): PostPage {
  const start = cursor === undefined ? 0 : all.findIndex((post) => post.id === cursor) + 1;
  const slice = all.slice(start, start + limit);
  return {
    posts: slice.map((post) => toPost(caller, post)),
    nextCursor: start + limit < all.length ? (slice.at(-1)?.id ?? null) : null,
  };
}

const listDefault = http.get(apiUrl(LIST), ({ request }) => {
  const caller = callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const parsed = PostListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  const { scope, cursor, limit } = parsed.data;
  if (scope === 'org' && !caller.orgId) {
    return errorResponse(400, ERROR_CODES.validationFailed, 'Some fields are not valid.', {
      scope: ['You have no active organization: choose one, or list your own posts'],
    });
  }
  const all = listedPosts(caller, scope);
  if (!all) return forbiddenResponse('Only moderators and admins may list every post.');
  if (cursor !== undefined && !all.some((post) => post.id === cursor)) {
    return errorResponse(400, ERROR_CODES.validationFailed, 'Some fields are not valid.', {
      cursor: ['Not a cursor from this list; start again from the first page'],
    });
  }
  return HttpResponse.json(page(caller, all, cursor, limit));
});

const createDefault = http.post(apiUrl(LIST), async ({ request }) => {
  const caller = callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const parsed = PostInputSchema.safeParse(await jsonBody(request));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  // The organization comes from the token, never from the body.
  const post = seedPost({ authorId: caller.userId, organizationId: caller.orgId, ...parsed.data });
  return HttpResponse.json(toPost(caller, post), { status: 201 });
});

const getDefault = http.get(apiUrl(ITEM), ({ request, params }) => {
  const caller = callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const post = visiblePost(caller, params.id);
  return post ? HttpResponse.json(toPost(caller, post)) : notFound();
});

const updateDefault = http.patch(apiUrl(ITEM), async ({ request, params }) => {
  const caller = callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const parsed = PostPatchSchema.safeParse(await jsonBody(request));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  const post = visiblePost(caller, params.id);
  if (!post) return notFound();
  if (!canEdit(caller, post)) return forbiddenResponse('Only the author may edit this post.');
  return HttpResponse.json(toPost(caller, updateStoredPost(post, parsed.data)));
});

const deleteDefault = http.delete(apiUrl(ITEM), ({ request, params }) => {
  const caller = callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const post = visiblePost(caller, params.id);
  if (!post) return notFound();
  if (!canDelete(caller, post)) return forbiddenResponse('You may not delete this post.');
  removeStoredPost(post.id);
  return new HttpResponse(null, { status: 204 });
});

/** A 400 the form cannot foresee: the API refuses a field its own rules reject. */
const fieldRejected = (method: 'post' | 'patch', path: string, field: string, message: string) =>
  http[method](apiUrl(path), () => errorResponse(400, ERROR_CODES.validationFailed, 'Some fields are not valid.', { [field]: [message] }));

/** The posts endpoints: `default` follows the shared rules over the in-memory posts; the rest are failure modes. */
export const postsHandlers = {
  list: { default: listDefault, ...errorVariants('get', LIST) },
  create: {
    default: createDefault,
    titleRejected: fieldRejected('post', LIST, 'title', 'This title is already taken'),
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
