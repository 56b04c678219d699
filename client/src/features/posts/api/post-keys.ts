import type { PostScope } from '#shared/posts';

type Id = string | null;

/**
 * Query and mutation keys of the posts feature. What a post list or a post
 * answers depends on who asks and on their active organization (visibility,
 * `permissions`), so both are in every key: switching organization can never
 * show another organization's cached posts, and a mutation can invalidate
 * exactly the caller's entries.
 */
export const postKeys = {
  /** Every list of this user, whatever the organization or scope. */
  lists: (userId: Id) => ['posts', userId, 'list'] as const,
  list: (userId: Id, orgId: Id, scope: PostScope) => ['posts', userId, 'list', orgId, scope] as const,
  /** One post as this user sees it, in every organization. */
  details: (userId: Id, postId: string) => ['posts', userId, 'detail', postId] as const,
  detail: (userId: Id, postId: string, orgId: Id) => ['posts', userId, 'detail', postId, orgId] as const,
  create: (userId: Id) => ['posts', userId, 'create'] as const,
  update: (userId: Id) => ['posts', userId, 'update'] as const,
  delete: (userId: Id) => ['posts', userId, 'delete'] as const,
};
