import { z } from 'zod';
import { ERROR_CODES } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { postListRefusal } from '#shared/post-policy';
import {
  PostSchema,
  idempotentCreationParts,
  type Post,
  type PostAuthor,
  type PostPage,
  type PostPatch,
  type ValidPostInput,
  type ValidPostListQuery,
} from '#shared/posts';
import type { AppDatabase } from '../db/database.ts';
import { displayNameOf } from '../users/display-names.ts';
import { createOnce, fingerprintOf } from './idempotent-creation.ts';
import { decodeCursor, encodeCursor } from '#shared/post-cursor';
import { listedIn, type Actor } from './post-policy.ts';
import * as repository from './posts-repository.ts';
import { HttpError, invalidField } from '../common/http-error.ts';

/**
 * The posts use cases: input already validated against shared/posts.ts, the
 * actor from the verified token. Refusals become HttpErrors here; the rules
 * themselves live in post-policy.ts and run inside the repository's SQL.
 */
/** `idempotencyKey`: validated with shared/posts.ts; null when the request carried none. */
export async function createPost(db: AppDatabase, actor: Actor, input: ValidPostInput, idempotencyKey: string | null = null): Promise<CreatedPost> {
  const insert = async (tx: AppDatabase) => {
    try {
      return toPost(await repository.insertPost(tx, actor, input));
    } catch (error) {
      if (error instanceof repository.DeletedOwnerError) throw ownerDeleted(error.reason);
      throw error;
    }
  };
  if (idempotencyKey === null) return { post: await insert(db), replayed: false };
  const fingerprint = fingerprintOf(idempotentCreationParts(actor.orgId, input));
  const creation = await createOnce(db, { userId: actor.userId, key: idempotencyKey, fingerprint }, insert);
  switch (creation.kind) {
    case 'created':
      return { post: creation.value, replayed: false };
    case 'replayed': {
      // The post may have been deleted since (by its author, a moderator, or with its organization): the
      // retry is told so, rather than given a post that 404s, or a new copy of what someone deleted.
      const post = creation.value === null ? null : recordedPost(creation.value);
      if (post === null || !(await repository.postExists(db, post.id))) throw postDeleted();
      return { post, replayed: true };
    }
    case 'reused':
      throw new HttpError(422, ERROR_CODES.idempotencyKeyReused, API_MESSAGES.idempotencyKeyReused);
  }
}

export interface CreatedPost {
  post: Post;
  /** True when this answers a retry: the post was created by an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export async function getPost(db: AppDatabase, actor: Actor, rawId: string): Promise<Post> {
  const id = parsePostId(rawId);
  const record = id === null ? null : await repository.findPost(db, actor, id);
  if (!record) throw postNotFound();
  return toPost(record);
}

export async function listPosts(db: AppDatabase, actor: Actor, query: ValidPostListQuery): Promise<PostPage> {
  const refusal = postListRefusal(actor, query.scope);
  if (refusal?.status === 400) throw invalidField(refusal.field, refusal.message);
  // Both read the same rule: a scope that grants nothing is refused by the one and compiles to null by the other.
  const anyOf = listedIn(actor, query.scope);
  if (refusal || anyOf === null) throw new HttpError(403, ERROR_CODES.forbidden, refusal?.message ?? API_MESSAGES.postListAllForbidden);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && after === null) throw invalidField('cursor', API_MESSAGES.postCursorInvalid);
  // One row more than asked tells whether another page exists, without a count.
  const records = await repository.listPosts(db, actor, { anyOf, after, limit: query.limit + 1 });
  const page = records.slice(0, query.limit);
  const last = page.at(-1);
  return {
    posts: page.map(toPost),
    nextCursor: records.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function updatePost(db: AppDatabase, actor: Actor, rawId: string, patch: PostPatch): Promise<Post> {
  const id = parsePostId(rawId);
  if (id === null) throw postNotFound();
  const outcome = await repository.updatePost(db, actor, id, patch);
  if (!outcome.ok) throw refused(outcome.reason, API_MESSAGES.postEditForbidden);
  return toPost(outcome.value);
}

export async function deletePost(db: AppDatabase, actor: Actor, rawId: string): Promise<void> {
  const id = parsePostId(rawId);
  if (id === null) throw postNotFound();
  const outcome = await repository.deletePost(db, actor, id);
  if (!outcome.ok) throw refused(outcome.reason, API_MESSAGES.postDeleteForbidden);
}

/**
 * The answer stored with a key. Our own data, but checked: a ZodError here
 * would reach the error handler as the caller's 400, so a mismatch is a plain
 * error (500), which it is.
 */
function recordedPost(value: unknown): Post {
  const parsed = RecordedPostSchema.safeParse(value);
  if (!parsed.success) throw new Error('An idempotency key holds an answer that is not a post', { cause: parsed.error });
  const { author, ...post } = parsed.data;
  return { ...post, author: author ?? toAuthor(post.authorId, null) };
}

/**
 * Answers recorded before posts carried their author or organization name (up
 * to a day old) have none: an unknown author and no name stand in.
 */
const RecordedPostSchema = PostSchema.extend({
  author: PostSchema.shape.author.optional(),
  organizationName: PostSchema.shape.organizationName.default(null),
});

function toAuthor(id: string, author: repository.AuthorRecord | null): PostAuthor {
  if (!author) return { id, name: null, imageUrl: null, deleted: false };
  return {
    id,
    name: displayNameOf(author),
    imageUrl: author.imageUrl,
    deleted: author.deletedAt !== null,
  };
}

const PostIdSchema = z.guid();

/** Ids are UUIDs; anything else cannot name a post, and must not reach the database as a cast error (500). */
function parsePostId(rawId: string): string | null {
  const parsed = PostIdSchema.safeParse(rawId);
  return parsed.success ? parsed.data.toLowerCase() : null;
}

/** Same answer whether the post does not exist or the caller may not see it. */
function postNotFound(): HttpError {
  return new HttpError(404, ERROR_CODES.notFound, API_MESSAGES.postNotFound);
}

function postDeleted(): HttpError {
  return new HttpError(
    404,
    ERROR_CODES.postDeleted,
    'The post this Idempotency-Key created has been deleted since. To post it again, send it with a new Idempotency-Key.',
  );
}

function refused(reason: repository.RefusalReason, message: string): HttpError {
  if (reason === 'not-found') return postNotFound();
  if (reason === 'forbidden') return new HttpError(403, ERROR_CODES.forbidden, message);
  return ownerDeleted(reason);
}

/** A token issued before a deletion stays valid for its lifetime; what it asks to write is refused. */
function ownerDeleted(reason: repository.DeletedOwner): HttpError {
  return reason === 'account-deleted'
    ? new HttpError(
        403,
        ERROR_CODES.accountDeleted,
        'This account was deleted, so it can no longer write posts. Sign out, then sign in with another account.',
      )
    : new HttpError(
        403,
        ERROR_CODES.organizationDeleted,
        'This organization was deleted, so nothing more can be posted or edited in it. Switch to another organization or your personal account.',
      );
}

function toPost(record: repository.PostRecord): Post {
  return {
    id: record.id,
    title: record.title,
    body: record.body,
    authorId: record.authorId,
    author: toAuthor(record.authorId, record.author),
    organizationId: record.organizationId,
    organizationName: record.organizationName,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    permissions: record.permissions,
  };
}
