import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../db/database.ts';
import { users, type UserRow } from '../db/schema.ts';

export type NameParts = Pick<UserRow, 'firstName' | 'lastName' | 'username'>;

/** The display name Clerk's own components use: first and last name, else the username; null when there is none. */
export function displayNameOf(parts: NameParts): string | null {
  const fullName = [parts.firstName, parts.lastName].filter((part) => part && part.trim() !== '').join(' ');
  return fullName || parts.username || null;
}

/**
 * A user's display name from our copy of Clerk's users (clerk-sync/), one
 * primary key lookup and no Backend API call; null before any copy arrived,
 * and for a deleted account (its tombstone keeps no name).
 */
export async function findDisplayName(db: AppDatabase, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ firstName: users.firstName, lastName: users.lastName, username: users.username })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? displayNameOf(row) : null;
}
