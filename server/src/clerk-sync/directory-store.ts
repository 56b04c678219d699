import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/database.ts';
import { idempotencyKeys, organizations, posts, users } from '../db/schema.ts';
import { organizationValues, userValues, type ClerkOrganization, type ClerkUser } from './clerk-objects.ts';

/**
 * Our copy of Clerk's users and organizations, for webhooks and the backfill alike: newer `updated_at` wins, deletion
 * is final (a tombstone). Each returns whether it changed a row. Why: docs/webhooks.md, "The receiver".
 */
export async function upsertUser(db: AppDatabase, user: ClerkUser): Promise<boolean> {
  const written = await db
    .insert(users)
    .values(userValues(user))
    .onConflictDoUpdate({
      target: users.id,
      set: {
        firstName: sql`excluded.first_name`,
        lastName: sql`excluded.last_name`,
        username: sql`excluded.username`,
        imageUrl: sql`excluded.image_url`,
        clerkCreatedAt: sql`excluded.clerk_created_at`,
        clerkUpdatedAt: sql`excluded.clerk_updated_at`,
        syncedAt: sql`now()`,
      },
      setWhere: and(isNull(users.deletedAt), olderThanExcluded(users.clerkUpdatedAt)),
    })
    .returning({ id: users.id });
  return written.length > 0;
}

/**
 * `user.deleted`: their posts go, with the answers kept for their retries
 * (which quote those posts and their name), and their row becomes a
 * tombstone without name or picture.
 */
export async function deleteUser(db: AppDatabase, id: string): Promise<void> {
  await db
    .insert(users)
    .values({ id, deletedAt: sql`now()` })
    .onConflictDoUpdate({
      target: users.id,
      set: {
        firstName: null,
        lastName: null,
        username: null,
        imageUrl: null,
        deletedAt: sql`coalesce(${users.deletedAt}, now())`,
        syncedAt: sql`now()`,
      },
    });
  // After the tombstone, never before: a post insert racing this deletion either committed before the
  // tombstone was written (and is deleted here) or waits for it and is refused (posts-repository.ts insertPost).
  await db.delete(posts).where(eq(posts.authorId, id));
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, id));
}

export async function upsertOrganization(db: AppDatabase, organization: ClerkOrganization): Promise<boolean> {
  const written = await db
    .insert(organizations)
    .values(organizationValues(organization))
    .onConflictDoUpdate({
      target: organizations.id,
      set: {
        name: sql`excluded.name`,
        slug: sql`excluded.slug`,
        imageUrl: sql`excluded.image_url`,
        clerkCreatedAt: sql`excluded.clerk_created_at`,
        clerkUpdatedAt: sql`excluded.clerk_updated_at`,
        syncedAt: sql`now()`,
      },
      setWhere: and(isNull(organizations.deletedAt), olderThanExcluded(organizations.clerkUpdatedAt)),
    })
    .returning({ id: organizations.id });
  return written.length > 0;
}

/** `organization.deleted`: the posts filed under it go (their authors' personal posts stay), and it becomes a tombstone. */
export async function deleteOrganization(db: AppDatabase, id: string): Promise<void> {
  await db
    .insert(organizations)
    .values({ id, deletedAt: sql`now()` })
    .onConflictDoUpdate({
      target: organizations.id,
      set: { name: null, slug: null, imageUrl: null, deletedAt: sql`coalesce(${organizations.deletedAt}, now())`, syncedAt: sql`now()` },
    });
  // After the tombstone, as in deleteUser.
  await db.delete(posts).where(eq(posts.organizationId, id));
}

/** Strictly older: an equal `updated_at` is the same version, and rewriting it would only churn. */
function olderThanExcluded(column: typeof users.clerkUpdatedAt | typeof organizations.clerkUpdatedAt) {
  return or(isNull(column), lt(column, sql`excluded.clerk_updated_at`));
}
