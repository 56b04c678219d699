import type { MeResponse } from '#shared/api-contracts';
import { POSTS_MANAGE_PERMISSION, type Post, type PostAuthor, type PostScope } from '#shared/posts';
import { LOCAL_ORGANIZATIONS } from '#shared/local-clerk';
import { avatarUrlFor, fullNameOf, personaById, testOrganization } from '../../clerk/personas.ts';

/**
 * The posts behind the mock API, in memory, with the rules of
 * server/src/posts/post-policy.ts: who sees, edits and deletes what, and
 * which posts a list holds, kept to the fewest checks that pass the table
 * the API's access tests also pass (handlers/posts-policy.test.ts). Tests
 * seed posts and reset between tests.
 */
export type Caller = Pick<MeResponse, 'userId' | 'orgId' | 'orgPermissions' | 'role'>;

export interface StoredPost {
  id: string;
  title: string;
  body: string;
  authorId: string;
  organizationId: string | null;
  createdAt: string;
  updatedAt: string;
}

const START = Date.UTC(2025, 5, 1, 9, 0);
let posts: StoredPost[] = [];
let clock = START;
/** The Idempotency-Keys of POST /api/posts, per user, with the first answer, as the real API keeps them. */
let creations = new Map<string, KeyedCreation>();
/** Accounts whose `user.deleted` the API has received: their rows are tombstones. */
let deletedAuthors = new Set<string>();

export function resetPostFixtures(): void {
  posts = [];
  clock = START;
  creations = new Map();
  deletedAuthors = new Set();
}

/** As after a `user.deleted` webhook, for posts still listed (the real API deletes them in the same step). */
export function markAuthorDeleted(id: string): void {
  deletedAuthors.add(id);
}

/**
 * The author as the API's copy of Clerk's users has them: the personas are
 * Clerk's users here, so everyone a test signs in is known; any other id has
 * not been synced (no name).
 */
function authorOf(id: string): PostAuthor {
  if (deletedAuthors.has(id)) return { id, name: null, imageUrl: null, deleted: true };
  const persona = personaById(id);
  if (!persona) return { id, name: null, imageUrl: null, deleted: false };
  return { id, name: fullNameOf(persona), imageUrl: avatarUrlFor(id), deleted: false };
}

/** As the API's copy of Clerk's organizations names them: the seeded organizations, none other. */
function organizationNameOf(id: string | null): string | null {
  const seeded = LOCAL_ORGANIZATIONS.find((organization) => organization.id === id);
  return seeded ? testOrganization(seeded.slug).name : null;
}

export interface KeyedCreation {
  /** What the request asked for: the active organization, the title and the body. */
  fingerprint: string;
  /** The answer it got, replayed to its retries. */
  post: Post;
}

export function keyedCreation(userId: string, key: string): KeyedCreation | undefined {
  return creations.get(JSON.stringify([userId, key]));
}

export function recordKeyedCreation(userId: string, key: string, creation: KeyedCreation): void {
  creations.set(JSON.stringify([userId, key]), creation);
}

/** Each post is a minute newer than the previous one, so list order is predictable. */
function nextTimestamp(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

export interface SeedPost {
  authorId: string;
  organizationId?: string | null;
  title?: string;
  body?: string;
}

export function seedPost({ authorId, organizationId = null, title, body = '' }: SeedPost): StoredPost {
  const at = nextTimestamp();
  const post: StoredPost = {
    id: crypto.randomUUID(),
    title: title ?? `Post ${posts.length + 1}`,
    body,
    authorId,
    organizationId,
    createdAt: at,
    updatedAt: at,
  };
  posts.push(post);
  return post;
}

export function storedPost(id: string): StoredPost | undefined {
  return posts.find((post) => post.id === id);
}

export function updateStoredPost(post: StoredPost, changes: { title?: string | undefined; body?: string | undefined }): StoredPost {
  if (changes.title !== undefined) post.title = changes.title;
  if (changes.body !== undefined) post.body = changes.body;
  post.updatedAt = nextTimestamp();
  return post;
}

export function removeStoredPost(id: string): void {
  posts = posts.filter((post) => post.id !== id);
}

const isStaff = (caller: Caller) => caller.role === 'moderator' || caller.role === 'admin';
const isAuthor = (caller: Caller, post: StoredPost) => post.authorId === caller.userId;
const inActiveOrganization = (caller: Caller, post: StoredPost) => caller.orgId !== null && post.organizationId === caller.orgId;

export function canSee(caller: Caller, post: StoredPost): boolean {
  return isStaff(caller) || isAuthor(caller, post) || inActiveOrganization(caller, post);
}

/** The author: they always see their own post, so no separate check. */
export function canEdit(caller: Caller, post: StoredPost): boolean {
  return isAuthor(caller, post);
}

/** The author, staff, or whoever manages the post's organization while it is active: each of them sees it. */
export function canDelete(caller: Caller, post: StoredPost): boolean {
  const manages = caller.orgPermissions.includes(POSTS_MANAGE_PERMISSION) && inActiveOrganization(caller, post);
  return isAuthor(caller, post) || isStaff(caller) || manages;
}

/** The posts of a list, newest first; null when the caller may not ask for that scope (403). */
export function listedPosts(caller: Caller, scope: PostScope): StoredPost[] | null {
  if (scope === 'all' && !isStaff(caller)) return null;
  const listed =
    scope === 'all' ? posts : posts.filter((post) => inActiveOrganization(caller, post) || (scope === 'mine-and-org' && isAuthor(caller, post)));
  return [...listed].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

export function toPost(caller: Caller, post: StoredPost): Post {
  return {
    ...post,
    author: authorOf(post.authorId),
    organizationName: organizationNameOf(post.organizationId),
    permissions: { canEdit: canEdit(caller, post), canDelete: canDelete(caller, post) },
  };
}
