import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
