import { beforeEach } from 'vitest';
import { posts } from '../db/schema.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';
import { createAuthFixtures, type AuthFixtures } from './auth-fixtures.ts';
import { startApp, type StartedApp } from './start-app.ts';
import { useForEach } from './use-for-each.ts';

export interface PostsApp {
  auth: AuthFixtures;
  readonly database: TestDatabase;
  readonly app: StartedApp;
}

/**
 * For a test file about posts: the real API on a migrated database of its own
 * (see openTestDatabase: PostgreSQL with TEST_DATABASE_URL, in-memory PGlite
 * otherwise), with real tokens from `auth`, and no posts left before each
 * test. Call it at the top level of the file; it registers the hooks.
 */
export function usePostsApp(): PostsApp {
  const auth = createAuthFixtures();
  const running = useForEach(
    'file',
    async () => {
      const database = await openTestDatabase();
      return { database, app: await startApp(auth.clerkOptions(), { database }) };
    },
    async ({ database, app }) => {
      await app.close();
      await database.close();
    },
  );
  beforeEach(async () => {
    await running().database.db.delete(posts);
  });
  return {
    auth,
    get database() {
      return running().database;
    },
    get app() {
      return running().app;
    },
  };
}
