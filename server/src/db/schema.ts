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

/**
 * Clerk's users as far as a browser may see them (webhooks and `npm run
 * sync:clerk` write them; clerk-sync/): what a post's byline shows. Never
 * email addresses, phone numbers or metadata. `clerkUpdatedAt` orders
 * deliveries (an older copy never overwrites a newer one); `deletedAt` marks a
 * tombstone, whose display fields are cleared and which nothing revives.
 */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  firstName: text('first_name'),
  lastName: text('last_name'),
  username: text('username'),
  imageUrl: text('image_url'),
  clerkCreatedAt: timestamp('clerk_created_at', { withTimezone: true, precision: 3 }),
  /**
   * Null until a copy of the user arrives: on a tombstone written before any,
   * and on the empty row a post insert writes for an author not synced yet, so
   * that it has a row to lock (posts-repository.ts insertPost); any copy replaces that.
   */
  clerkUpdatedAt: timestamp('clerk_updated_at', { withTimezone: true, precision: 3 }),
  /** When this row last changed here, for operators. */
  syncedAt: timestamp('synced_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
});

export type UserRow = typeof users.$inferSelect;

/** Clerk's organizations, the same way as `users` (empty rows included): names and images only. */
export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name'),
  slug: text('slug'),
  imageUrl: text('image_url'),
  clerkCreatedAt: timestamp('clerk_created_at', { withTimezone: true, precision: 3 }),
  clerkUpdatedAt: timestamp('clerk_updated_at', { withTimezone: true, precision: 3 }),
  syncedAt: timestamp('synced_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
});

/**
 * The `svix-id` of every webhook delivery applied, recorded in the same
 * transaction as its change: a redelivery finds its id and changes nothing.
 * Kept a week (well past Svix's ~28 hours of retries), then purged in bounded
 * batches; a manual replay after that is still harmless, because every change
 * is ordered by Clerk's `updated_at` and deletions are final.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    svixId: text('svix_id').primaryKey(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('webhook_events_received_idx').on(table.receivedAt)],
);
