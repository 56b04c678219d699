import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { PostPatch, PostPermissions, ValidPostInput } from '#shared/posts';
import type { AppDatabase } from '../db/database.ts';
import { posts, type PostRow } from '../db/schema.ts';
import type { PostCursor } from './post-cursor.ts';
import { canDelete, canEdit, canSee, permissionColumns, type Actor } from './post-policy.ts';

/**
 * The SQL of the posts feature. Every function takes the actor and puts the
 * policy in the statement's WHERE: there is no "load, then check" to forget.
 * `db` may be a transaction; writes open their own (a savepoint inside one).
 */
export type PostRecord = PostRow & { permissions: PostPermissions };

/** A refused write: `not-found` when the caller may not even see the post. */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'forbidden' };

function columnsFor(actor: Actor) {
  return { ...getTableColumns(posts), ...permissionColumns(actor) };
}

function toRecord({ canEdit: edit, canDelete: remove, ...row }: PostRow & { canEdit: boolean; canDelete: boolean }): PostRecord {
  return { ...row, permissions: { canEdit: edit, canDelete: remove } };
}

export async function insertPost(db: AppDatabase, actor: Actor, input: ValidPostInput): Promise<PostRecord> {
  const [row] = await db
    .insert(posts)
    // The organization is the caller's active one, from the verified token.
    .values({ authorId: actor.userId, organizationId: actor.orgId, title: input.title, body: input.body })
    .returning(columnsFor(actor));
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return toRecord(row);
}

export async function findPost(db: AppDatabase, actor: Actor, id: string): Promise<PostRecord | null> {
  const [row] = await db
    .select(columnsFor(actor))
    .from(posts)
    .where(and(eq(posts.id, id), canSee(actor)))
    .limit(1);
  return row ? toRecord(row) : null;
}

export interface ListPostsOptions {
  /** Which posts: those matching any of these conditions, from `listedIn` of the policy. */
  anyOf: [SQL, ...SQL[]];
  /** Start after this post (exclusive). */
  after: PostCursor | null;
  limit: number;
}

/**
 * Newest first; ties on `created_at` are broken by id, so pages never overlap or skip.
 *
 * Several conditions (the feed: "mine" or "my active organization's") are not
 * one `WHERE a OR b`: PostgreSQL answers an OR by reading every matching row
 * and sorting them, which grows with the table. Each condition is instead its
 * own branch, read in list order from its index and stopped after `limit`
 * rows (the cursor is inside each branch, so it is an index bound too); the
 * branches are merged in order (Merge Append) and a post that is in both
 * (mine, filed under my organization) is kept once (Unique on the sort key,
 * which the id makes unique). The work is at most `limit` rows per branch,
 * whatever the size of the table; posts-feed-plan.test.ts checks the plan.
 */
export async function listPosts(db: AppDatabase, actor: Actor, options: ListPostsOptions): Promise<PostRecord[]> {
  const rows = await listPostsQuery(db, actor, options);
  return rows.map(toRecord);
}

/** The statement of listPosts, unexecuted: for EXPLAIN in tests. */
export function listPostsQuery(db: AppDatabase, actor: Actor, options: ListPostsOptions) {
  const [firstCondition, ...otherConditions] = options.anyOf;
  const first = listBranch(db, actor, firstCondition, options);
  const [second, ...others] = otherConditions.map((condition) => listBranch(db, actor, condition, options));
  if (!second) return first;
  const merged = unionAll(first, second, ...others).as('listed');
  return db
    .selectDistinctOn([merged.createdAt, merged.id])
    .from(merged)
    .orderBy(desc(merged.createdAt), desc(merged.id))
    .limit(options.limit);
}

function listBranch(db: AppDatabase, actor: Actor, condition: SQL, options: ListPostsOptions) {
  return db
    .select(columnsFor(actor))
    .from(posts)
    .where(and(condition, options.after ? olderThan(options.after) : undefined))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(options.limit);
}

function olderThan(cursor: PostCursor): SQL {
  return sql`(${posts.createdAt}, ${posts.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
}

export async function updatePost(
  db: AppDatabase,
  actor: Actor,
  id: string,
  patch: PostPatch,
): Promise<WriteOutcome<PostRecord>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(posts)
      .set({ ...definedFields(patch), updatedAt: sql`now()` })
      .where(and(eq(posts.id, id), canEdit(actor)))
      .returning(columnsFor(actor));
    if (row) return { ok: true, value: toRecord(row) };
    return refusal(tx, actor, id);
  });
}

export async function deletePost(db: AppDatabase, actor: Actor, id: string): Promise<WriteOutcome<null>> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(posts)
      .where(and(eq(posts.id, id), canDelete(actor)))
      .returning({ id: posts.id });
    if (deleted.length > 0) return { ok: true, value: null };
    return refusal(tx, actor, id);
  });
}

/** After a write matched nothing: 403 if the caller can see the post, 404 otherwise (existence stays hidden). */
async function refusal(db: AppDatabase, actor: Actor, id: string): Promise<{ ok: false; reason: 'not-found' | 'forbidden' }> {
  const [visible] = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.id, id), canSee(actor)))
    .limit(1);
  return { ok: false, reason: visible ? 'forbidden' : 'not-found' };
}

/** `{ title: undefined }` would otherwise not be "no change" to every reader of this code. */
function definedFields(patch: PostPatch): { title?: string; body?: string } {
  return {
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.body === undefined ? {} : { body: patch.body }),
  };
}
