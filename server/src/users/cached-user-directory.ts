import { LRUCache } from 'lru-cache';
import type { DirectoryUser, UserDirectory } from './user-directory.ts';

export interface UserCacheOptions {
  /** How long a read answers later reads. Short: another instance's writes show within it. */
  ttlMs?: number;
  maxEntries?: number;
  /** Injected in tests. */
  now?: () => number;
}

interface Entry {
  user: DirectoryUser | null;
  /** When Clerk gave this answer, for callers that need a more recent one than the TTL allows (`maxAgeMs`). */
  readAt: number;
}

/**
 * Profile reads through a per-user cache: single-flight, reused for `ttlMs` (or a shorter `maxAgeMs`), `readNow`
 * bypassing it, writes replacing the entry; failures and searches not cached. Why: docs/performance.md, "Backend API calls per user".
 */
export function withUserCache(directory: UserDirectory, options: UserCacheOptions = {}): UserDirectory {
  const now = options.now ?? Date.now;
  // lru-cache's fetch() dedupes concurrent fetches of a key, and a set() while
  // one is in flight discards that fetch's answer; the wrapper keeps null (no such user) cacheable.
  const cache = new LRUCache<string, Entry>({
    max: options.maxEntries ?? 5000,
    ttl: options.ttlMs ?? 10_000,
    fetchMethod: async (userId) => ({ user: await directory.findUser(userId), readAt: now() }),
  });
  // A failed write may still have reached Clerk: forget the user rather than keep what may be stale.
  const writeThrough = async (userId: string, write: Promise<DirectoryUser | null>) => {
    try {
      const user = await write;
      cache.set(userId, { user, readAt: now() });
      return user;
    } catch (error) {
      cache.delete(userId);
      throw error;
    }
  };
  const findUser: UserDirectory['findUser'] = async (userId, { maxAgeMs, readNow } = {}) => {
    if (readNow) return directory.findUser(userId, { readNow });
    const cached = cache.peek(userId);
    const tooOld = maxAgeMs !== undefined && cached !== undefined && now() - cached.readAt > maxAgeMs;
    const started = now();
    try {
      return (await cache.fetch(userId, { forceRefresh: tooOld }))?.user ?? null;
    } catch (error) {
      // A write replaced the entry while this read was in flight (lru-cache
      // aborts the read): the write's answer is the current one.
      const written = cache.peek(userId);
      if (written !== undefined && written.readAt >= started) return written.user;
      throw error;
    }
  };
  return {
    findUser,
    searchUsers: (search) => directory.searchUsers(search),
    setRole: (userId, role) => writeThrough(userId, directory.setRole(userId, role)),
    setName: (userId, name) => writeThrough(userId, directory.setName(userId, name)),
  };
}
