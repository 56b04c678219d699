import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { PostPatch, PostPermissions, ValidPostInput } from '#shared/posts';
import type { AppDatabase } from '../db/database.ts';
import { posts, users, type PostRow, type UserRow } from '../db/schema.ts';
import type { PostCursor } from './post-cursor.ts';
import { canDelete, canEdit, canSee, permissionColumns, type Actor } from './post-policy.ts';

/**
 * The SQL of the posts feature. Every function takes the actor and puts the
 * policy in the statement's WHERE: there is no "load, then check" to forget.
 * `db` may be a transaction; writes open their own (a savepoint inside one).
 */
export type PostRecord = PostRow & { permissions: PostPermissions; author: AuthorRecord };

/**
 * The author as our copy of Clerk's users has them (clerk-sync/): all null
 * when no copy has arrived yet; `deletedAt` set on a tombstone.
 */
export type AuthorRecord = Pick<UserRow, 'firstName' | 'lastName' | 'username' | 'imageUrl' | 'deletedAt'>;

/** Joined in the same statement as the post: no Backend API call, no second query per post. */
const authorColumns = {
  authorFirstName: users.firstName,
  authorLastName: users.lastName,
  authorUsername: users.username,
  authorImageUrl: users.imageUrl,
  authorDeletedAt: users.deletedAt,
};

type AuthorColumns = { [K in keyof typeof authorColumns]: (typeof authorColumns)[K]['_']['data'] | null };

/** A refused write: `not-found` when the caller may not even see the post. */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'forbidden' };

function columnsFor(actor: Actor) {
  return { ...getTableColumns(posts), ...permissionColumns(actor) };
}

type JoinedRow = PostRow & { canEdit: boolean; canDelete: boolean } & AuthorColumns;

function toRecord(joined: JoinedRow): PostRecord {
  const { canEdit: edit, canDelete: remove, authorFirstName, authorLastName, authorUsername, authorImageUrl, authorDeletedAt, ...row } = joined;
  return {
    ...row,
    permissions: { canEdit: edit, canDelete: remove },
    author: { firstName: authorFirstName, lastName: authorLastName, username: authorUsername, imageUrl: authorImageUrl, deletedAt: authorDeletedAt },
  };
}

/** After a write's RETURNING: the author of that one row. */
async function withAuthor(db: AppDatabase, row: PostRow & { canEdit: boolean; canDelete: boolean }): Promise<PostRecord> {
  const [author] = await db.select(authorColumns).from(users).where(eq(users.id, row.authorId)).limit(1);
  return toRecord({ ...row, ...(author ?? NO_AUTHOR) });
}

const NO_AUTHOR: AuthorColumns = { authorFirstName: null, authorLastName: null, authorUsername: null, authorImageUrl: null, authorDeletedAt: null };

export async function insertPost(db: AppDatabase, actor: Actor, input: ValidPostInput): Promise<PostRecord> {
  const [row] = await db
    .insert(posts)
    // The organization is the caller's active one, from the verified token.
    .values({ authorId: actor.userId, organizationId: actor.orgId, title: input.title, body: input.body })
    .returning(columnsFor(actor));
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return withAuthor(db, row);
}

export async function findPost(db: AppDatabase, actor: Actor, id: string): Promise<PostRecord | null> {
  const [row] = await db
    .select({ ...columnsFor(actor), ...authorColumns })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
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
 * Newest first, ties broken by id. Several conditions are read as index-ordered branches, each stopped after `limit`,
 * merged and de-duplicated, never as one `OR`; posts-feed-plan.test.ts checks the plan. Why: docs/performance.md, "The feed".
 */
export async function listPosts(db: AppDatabase, actor: Actor, options: ListPostsOptions): Promise<PostRecord[]> {
  const rows = await listPostsQuery(db, actor, options);
  return rows.map(toRecord);
}

/**
 * The statement of listPosts, unexecuted: for EXPLAIN in tests. The authors
 * are looked up once the page is chosen, one primary key lookup per row (a
 * LATERAL subquery with LIMIT 1, which the planner runs as a nested loop over
 * the page in its order), so the branches and their merge stay as described
 * above and no sort or scan of `users` is added. A plain LEFT JOIN would let
 * the planner hash the whole users table and sort the page again.
 */
export function listPostsQuery(db: AppDatabase, actor: Actor, options: ListPostsOptions) {
  const page = listedPage(db, actor, options).as('page');
  const author = db.select(authorColumns).from(users).where(eq(users.id, page.authorId)).limit(1).as('author');
  return db
    .select({
      id: page.id,
      authorId: page.authorId,
      organizationId: page.organizationId,
      title: page.title,
      body: page.body,
      createdAt: page.createdAt,
      updatedAt: page.updatedAt,
      canEdit: page.canEdit,
      canDelete: page.canDelete,
      authorFirstName: author.authorFirstName,
      authorLastName: author.authorLastName,
      authorUsername: author.authorUsername,
      authorImageUrl: author.authorImageUrl,
      authorDeletedAt: author.authorDeletedAt,
    })
    .from(page)
    .leftJoinLateral(author, sql`true`)
    .orderBy(desc(page.createdAt), desc(page.id));
}

function listedPage(db: AppDatabase, actor: Actor, options: ListPostsOptions) {
  const [firstCondition, ...otherConditions] = options.anyOf;
  const first = listBranch(db, actor, firstCondition, options);
  const [second, ...others] = otherConditions.map((condition) => listBranch(db, actor, condition, options));
  if (!second) return first;
  const merged = unionAll(first, second, ...others).as('listed');
  return db.selectDistinctOn([merged.createdAt, merged.id]).from(merged).orderBy(desc(merged.createdAt), desc(merged.id)).limit(options.limit);
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

export async function updatePost(db: AppDatabase, actor: Actor, id: string, patch: PostPatch): Promise<WriteOutcome<PostRecord>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(posts)
      .set({ ...definedFields(patch), updatedAt: sql`now()` })
      .where(and(eq(posts.id, id), canEdit(actor)))
      .returning(columnsFor(actor));
    if (row) return { ok: true, value: await withAuthor(tx, row) };
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
