import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Timestamps keep milliseconds only (`timestamptz(3)`): exactly what a JS
 * `Date` holds, so a post's `createdAt` survives the round trip through the
 * API and a pagination cursor unchanged. With PostgreSQL's default microseconds
 * a cursor built from a `Date` would fall between two rows and skip one.
 */
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
};

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorId: text('author_id').notNull(),
    /** The author's active organization when the post was written; null for a personal post. */
    organizationId: text('organization_id'),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    ...timestamps,
  },
  (table) => [
    // The list queries ("mine", "my active organization's"), newest first, keyset-paginated. NULLS FIRST
    // is what a plain `ORDER BY ... DESC` means: with drizzle-kit's default (NULLS LAST) the planner could
    // not read the index in query order.
    index('posts_author_created_idx').on(table.authorId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index('posts_organization_created_idx').on(table.organizationId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // The API validates with shared/posts.ts first; these keep any other writer honest too.
    check('posts_title_length', sql`char_length(${table.title}) between 1 and 200`),
    check('posts_body_length', sql`char_length(${table.body}) <= 10000`),
  ],
);

export type PostRow = typeof posts.$inferSelect;

/**
 * The `Idempotency-Key`s of POST /api/posts, per user: written in the same
 * transaction as the post they created, so a key is recorded if and only if
 * its post exists. Kept at least 24 hours (posts/idempotent-creation.ts
 * treats older rows as gone and purges them in bounded batches).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    /** A SHA-256 of what the request asked for: a retry must ask for the same thing. */
    fingerprint: text('fingerprint').notNull(),
    /** The body the first request was answered (with 201), replayed to its retries. */
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    // The purge reads the oldest first.
    index('idempotency_keys_created_idx').on(table.createdAt),
    check('idempotency_keys_key_length', sql`char_length(${table.key}) between 1 and 255`),
  ],
);
