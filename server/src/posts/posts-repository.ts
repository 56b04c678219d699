import { and, desc, eq, getTableColumns, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { PostPatch, PostPermissions, ValidPostInput } from '#shared/posts';
import type { AppDatabase } from '../db/database.ts';
import { idempotencyKeys, organizations, posts, users, type PostRow, type UserRow } from '../db/schema.ts';
import type { PostCursor } from '#shared/post-cursor';
import { canDelete, canEdit, canSee, permissionColumns, type Actor } from './post-policy.ts';

/**
 * The SQL of the posts feature. Every function takes the actor and puts the
 * policy in the statement's WHERE: there is no "load, then check" to forget.
 * `db` may be a transaction; writes open their own (a savepoint inside one).
 */
export type PostRecord = PostRow & { permissions: PostPermissions; author: AuthorRecord; organizationName: string | null };

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

/**
 * A refused write: `not-found` when the caller may not even see the post;
 * `account-deleted` / `organization-deleted` when the author or the post's
 * organization is a tombstone (deleted in Clerk, clerk-sync/).
 */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; reason: RefusalReason };
export type RefusalReason = 'not-found' | 'forbidden' | DeletedOwner;
export type DeletedOwner = 'account-deleted' | 'organization-deleted';

/** insertPost's refusal: the caller's account, or their active organization, was deleted. */
export class DeletedOwnerError extends Error {
  readonly reason: DeletedOwner;
  constructor(reason: DeletedOwner) {
    super(`The post was not written: ${reason}`);
    this.reason = reason;
  }
}

function columnsFor(actor: Actor) {
  return { ...getTableColumns(posts), ...permissionColumns(actor) };
}

type JoinedRow = PostRow & { canEdit: boolean; canDelete: boolean } & AuthorColumns;

function toRecord(joined: JoinedRow, organizationName: string | null): PostRecord {
  const { canEdit: edit, canDelete: remove, authorFirstName, authorLastName, authorUsername, authorImageUrl, authorDeletedAt, ...row } = joined;
  return {
    ...row,
    organizationName,
    permissions: { canEdit: edit, canDelete: remove },
    author: { firstName: authorFirstName, lastName: authorLastName, username: authorUsername, imageUrl: authorImageUrl, deletedAt: authorDeletedAt },
  };
}

/** After a write's RETURNING: the author of that one row. */
async function withAuthor(db: AppDatabase, row: PostRow & { canEdit: boolean; canDelete: boolean }): Promise<PostRecord> {
  const [author] = await db.select(authorColumns).from(users).where(eq(users.id, row.authorId)).limit(1);
  const names = await organizationNames(db, [row]);
  return toRecord({ ...row, ...(author ?? NO_AUTHOR) }, nameOf(names, row));
}

/**
 * The names of the organizations of some posts, from our copy of Clerk's
 * (null when none has arrived, or for a tombstone): a moderator sees posts of
 * organizations they are no member of, so Clerk's session cannot name them.
 * One primary key lookup per organization, after the page is chosen, so the
 * feed's statement and plan (listPostsQuery) stay as they are.
 */
async function organizationNames(db: AppDatabase, rows: readonly Pick<PostRow, 'organizationId'>[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(rows.flatMap((row) => (row.organizationId === null ? [] : [row.organizationId])))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
  return new Map(found.map((organization) => [organization.id, organization.name]));
}

function nameOf(names: Map<string, string | null>, row: Pick<PostRow, 'organizationId'>): string | null {
  return row.organizationId === null ? null : (names.get(row.organizationId) ?? null);
}

const NO_AUTHOR: AuthorColumns = { authorFirstName: null, authorLastName: null, authorUsername: null, authorImageUrl: null, authorDeletedAt: null };

/**
 * Writes the post only if neither its author nor its organization is a
 * tombstone, checked in the same statement as the insert (liveOwner), so no
 * deletion can slip between check and write. Throws DeletedOwnerError otherwise.
 */
export async function insertPost(db: AppDatabase, actor: Actor, input: ValidPostInput): Promise<PostRecord> {
  const owners = [liveOwner('author', users, actor.userId), ...(actor.orgId === null ? [] : [liveOwner('organization', organizations, actor.orgId)])];
  const statement = sql`
    with ${sql.join(
      owners.map((owner) => owner.cte),
      sql`, `,
    )}
    insert into ${posts} (author_id, organization_id, title, body)
    -- The organization is the caller's active one, from the verified token.
    select ${actor.userId}, ${actor.orgId}, ${input.title}, ${input.body}
    where ${sql.join(
      owners.map((owner) => owner.isLive),
      sql` and `,
    )}
    returning id`;
  // Both drivers answer `{ rows }`, which drizzle's common type leaves unknown.
  const { rows } = (await db.execute<{ id: string }>(statement)) as { rows: { id: string }[] };
  const [inserted] = rows;
  if (!inserted) throw new DeletedOwnerError(await deletedOwner(db, actor.userId, actor.orgId));
  const record = await findPost(db, actor, inserted.id);
  if (!record) throw new Error('A post just inserted is not visible to its author');
  return record;
}

/**
 * Two CTEs over the row of a user or organization in our copy of Clerk's:
 * `<name>_row` locks it FOR SHARE, so a concurrent tombstone (which updates
 * the row) waits for this write to commit, and this write, if it comes second,
 * waits for the tombstone and then sees it (PostgreSQL rechecks a locked row's
 * latest version). Without a row to lock (no copy arrived yet), `<name>_new`
 * inserts an empty one, which a concurrent deletion's insert of a tombstone
 * conflicts with either way; if that deletion won, the conflict clause finds its
 * tombstone, locks it and returns nothing. Either way the deletion's
 * `DELETE FROM posts`, which runs after its tombstone (directory-store.ts),
 * sees every post this check let through.
 */
function liveOwner(name: 'author' | 'organization', table: typeof users | typeof organizations, id: string) {
  const row = sql.identifier(`${name}_row`);
  const inserted = sql.identifier(`${name}_new`);
  return {
    cte: sql`${row} as (select deleted_at from ${table} where id = ${id} for share),
      ${inserted} as (
        insert into ${table} (id) select ${id} where not exists (select 1 from ${row})
        on conflict (id) do update set id = excluded.id where ${table}.deleted_at is null
        returning id
      )`,
    isLive: sql`(exists (select 1 from ${row} where deleted_at is null) or exists (select 1 from ${inserted}))`,
  };
}

/** Why a write was refused although the caller may write: which of the owners is a tombstone. */
async function deletedOwner(db: AppDatabase, userId: string, orgId: string | null): Promise<DeletedOwner> {
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.deletedAt)))
    .limit(1);
  if (account) return 'account-deleted';
  if (orgId === null) throw new Error('A post insert matched nothing, yet its author is no tombstone');
  return 'organization-deleted';
}

/** Neither the post's author nor its organization is a tombstone: for UPDATEs, whose row lock on the post serializes them with a deletion's DELETE. */
function ownersLive(): SQL {
  return sql`not exists (select 1 from ${users} where ${users.id} = ${posts.authorId} and ${users.deletedAt} is not null)
    and not exists (select 1 from ${organizations} where ${organizations.id} = ${posts.organizationId} and ${organizations.deletedAt} is not null)`;
}

export async function findPost(db: AppDatabase, actor: Actor, id: string): Promise<PostRecord | null> {
  const [row] = await db
    .select({ ...columnsFor(actor), ...authorColumns })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.id, id), canSee(actor)))
    .limit(1);
  return row ? toRecord(row, nameOf(await organizationNames(db, [row]), row)) : null;
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
  const names = await organizationNames(db, rows);
  return rows.map((row) => toRecord(row, nameOf(names, row)));
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
      .set({ ...definedFields(patch), updatedAt: updatedAtAfter(patch) })
      .where(and(eq(posts.id, id), canEdit(actor), ownersLive()))
      .returning(columnsFor(actor));
    if (row) return { ok: true, value: await withAuthor(tx, row) };
    return editRefusal(tx, actor, id);
  });
}

export async function deletePost(db: AppDatabase, actor: Actor, id: string): Promise<WriteOutcome<null>> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(posts)
      .where(and(eq(posts.id, id), canDelete(actor)))
      .returning({ id: posts.id, authorId: posts.authorId });
    if (!deleted) return refusal(tx, actor, id);
    await forgetRecordedAnswer(tx, deleted);
    return { ok: true, value: null };
  });
}

/**
 * The answer an Idempotency-Key recorded for this post quotes it (title,
 * body, author): it goes with the post, leaving `null`, which a retry with
 * that key is told means "deleted" (posts-service.ts). Keys are the author's,
 * so the primary key's `user_id` finds the few candidates.
 */
async function forgetRecordedAnswer(tx: AppDatabase, post: { id: string; authorId: string }): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ response: sql`'null'::jsonb` })
    .where(and(eq(idempotencyKeys.userId, post.authorId), sql`${idempotencyKeys.response}->>'id' = ${post.id}`));
}

/** Whether a post still exists, whoever may see it: for a replayed answer, which names a post of the caller's. */
export async function postExists(db: AppDatabase, id: string): Promise<boolean> {
  const [row] = await db.select({ id: posts.id }).from(posts).where(eq(posts.id, id)).limit(1);
  return row !== undefined;
}

/** After an edit matched nothing: a deleted author or organization first, then as `refusal`. */
async function editRefusal(db: AppDatabase, actor: Actor, id: string): Promise<{ ok: false; reason: RefusalReason }> {
  const [post] = await db
    .select({ organizationId: posts.organizationId })
    .from(posts)
    .where(and(eq(posts.id, id), canEdit(actor)))
    .limit(1);
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.userId), isNotNull(users.deletedAt)))
    .limit(1);
  if (account) return { ok: false, reason: 'account-deleted' };
  if (post?.organizationId) return { ok: false, reason: 'organization-deleted' };
  return refusal(db, actor, id);
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

/**
 * `now()` only when a field really changes: saving a post as it is must not
 * mark it "(edited)". In SET, the columns are the row's values before the update.
 */
function updatedAtAfter(patch: PostPatch): SQL {
  const changes = Object.entries(definedFields(patch)).map(
    ([field, value]) => sql`${field === 'title' ? posts.title : posts.body} is distinct from ${value}`,
  );
  return sql`case when ${or(...changes) ?? sql`false`} then now() else ${posts.updatedAt} end`;
}

/** `{ title: undefined }` would otherwise not be "no change" to every reader of this code. */
function definedFields(patch: PostPatch): { title?: string; body?: string } {
  return {
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.body === undefined ? {} : { body: patch.body }),
  };
}
