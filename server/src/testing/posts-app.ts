import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../db/database.ts';
import { posts } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase } from './test-database.ts';
import { createAuthFixtures, type AuthFixtures } from './auth-fixtures.ts';
import { startApp, type StartedApp } from './start-app.ts';

export interface PostsApp {
  auth: AuthFixtures;
  readonly database: Database;
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
  let database: Database | undefined;
  let app: StartedApp | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    app = await startApp(auth.clerkOptions(), { database });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database!.db.delete(posts);
  });
  return {
    auth,
    get database() {
      return database!;
    },
    get app() {
      return app!;
    },
  };
}
