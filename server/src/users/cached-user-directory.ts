import { LRUCache } from 'lru-cache';
import type { DirectoryUser, UserDirectory } from './user-directory.ts';

export interface UserCacheOptions {
  /** How long a read answers later reads. Short: another instance's writes show within it. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * Profile reads through a per-user cache, so the Backend API (rate-limited by
 * Clerk) sees one call where the SPA makes many:
 * - concurrent reads of one user share one call in flight (single-flight);
 * - an answer is reused for `ttlMs`, then read again;
 * - a write through this directory (role, name) replaces that user's entry
 *   with what Clerk answered, so this instance never serves the old value.
 * Failures are not cached: the next read tries again. Searches are not cached.
 */
export function withUserCache(directory: UserDirectory, options: UserCacheOptions = {}): UserDirectory {
  // lru-cache's fetch() dedupes concurrent fetches of a key; a wrapper keeps null (no such user) cacheable.
  const cache = new LRUCache<string, { user: DirectoryUser | null }>({
    max: options.maxEntries ?? 5000,
    ttl: options.ttlMs ?? 10_000,
    fetchMethod: async (userId) => ({ user: await directory.findUser(userId) }),
  });
  // A failed write may still have reached Clerk: forget the user rather than keep what may be stale.
  const writeThrough = async (userId: string, write: Promise<DirectoryUser | null>) => {
    try {
      const user = await write;
      cache.set(userId, { user });
      return user;
    } catch (error) {
      cache.delete(userId);
      throw error;
    }
  };
  return {
    findUser: async (userId) => (await cache.fetch(userId))?.user ?? null,
    searchUsers: (search) => directory.searchUsers(search),
    setRole: (userId, role) => writeThrough(userId, directory.setRole(userId, role)),
    setName: (userId, name) => writeThrough(userId, directory.setName(userId, name)),
  };
}
