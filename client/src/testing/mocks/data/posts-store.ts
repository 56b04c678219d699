import { POST_POLICY, grantedRelations, type PolicyCaller, type PostRelation, type PostRule } from '#shared/post-policy';
import type { Post, PostAuthor, PostScope } from '#shared/posts';
import { LOCAL_ORGANIZATIONS } from '#shared/local-clerk';
import { clerkUser, fullNameOf, testOrganization } from '../../clerk/personas.ts';

/**
 * The posts behind the mock API, in memory, with the rules of
 * shared/post-policy.ts (the data the API compiles to SQL) compiled to
 * predicates: who sees, edits and deletes what, and which posts a list
 * holds. handlers/posts-policy.test.ts runs the table the API's access tests
 * also pass. Tests seed posts and reset between tests.
 */
export type Caller = PolicyCaller;

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
 * The author as the API's copy of Clerk's users has them (from Clerk's webhooks): everyone in the test's Clerk
 * emulator is known; any other id has not been synced (no name).
 */
function authorOf(id: string): PostAuthor {
  if (deletedAuthors.has(id)) return { id, name: null, imageUrl: null, deleted: true };
  const user = clerkUser(id);
  if (!user) return { id, name: null, imageUrl: null, deleted: false };
  return { id, name: fullNameOf(user), imageUrl: user.image_url, deleted: false };
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

/** The rules of shared/post-policy.ts compiled to predicates: `relation` holds for `post` and `caller`. */
function relationHolds(caller: Caller, post: StoredPost, relation: PostRelation): boolean {
  switch (relation) {
    case 'any':
      return true;
    case 'own':
      return post.authorId === caller.userId;
    case 'activeOrganization':
      return caller.orgId !== null && post.organizationId === caller.orgId;
  }
}

function grants(rule: PostRule, caller: Caller, post: StoredPost): boolean {
  return grantedRelations(rule, caller).some((relation) => relationHolds(caller, post, relation));
}

export function canSee(caller: Caller, post: StoredPost): boolean {
  return grants(POST_POLICY.see, caller, post);
}

/** On top of `canSee`, as the API's SQL. */
export function canEdit(caller: Caller, post: StoredPost): boolean {
  return canSee(caller, post) && grants(POST_POLICY.edit, caller, post);
}

export function canDelete(caller: Caller, post: StoredPost): boolean {
  return canSee(caller, post) && grants(POST_POLICY.delete, caller, post);
}

/** The posts of a list, newest first (call it once postListRefusal has passed). */
export function listedPosts(caller: Caller, scope: PostScope): StoredPost[] {
  const listed = posts.filter((post) => grants(POST_POLICY.list[scope], caller, post));
  return listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

export function toPost(caller: Caller, post: StoredPost): Post {
  return {
    ...post,
    author: authorOf(post.authorId),
    organizationName: organizationNameOf(post.organizationId),
    permissions: { canEdit: canEdit(caller, post), canDelete: canDelete(caller, post) },
  };
}
