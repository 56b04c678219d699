import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelloResponseSchema } from '#shared/api-contracts';
import { ClerkUserSchema } from '../clerk-sync/clerk-objects.ts';
import { upsertUser } from '../clerk-sync/directory-store.ts';
import { clerkUser } from '../testing/clerk-events.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase } from '../testing/test-database.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { bearer, send } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions());
});
afterAll(() => app.close());

describe('GET /api/hello', () => {
  it('greets a stranger without a token', async () => {
    const reply = await send(app.baseUrl, '/api/hello');
    expect(reply.status).toBe(200);
    expect(HelloResponseSchema.strict().parse(reply.json)).toEqual({ message: 'Hello, stranger.', signedIn: false });
  });

  it('greets the caller by user id with a valid token while the API has no copy of the user (here: no database)', async () => {
    const reply = await send(app.baseUrl, '/api/hello', { headers: bearer(auth.token()) });
    expect(HelloResponseSchema.strict().parse(reply.json)).toEqual({ message: 'Hello, user_test_ada.', signedIn: true });
  });
});

describe('GET /api/hello for a user the API has a copy of', () => {
  it('greets them by name, not by id', { timeout: OPEN_TIMEOUT_MS }, async () => {
    const database = await openTestDatabase();
    const named = await startApp(auth.clerkOptions(), { database });
    try {
      await upsertUser(
        database.db,
        ClerkUserSchema.parse(clerkUser({ id: 'user_test_ada', first_name: 'Ada', last_name: 'Lovelace', updated_at: 1 })),
      );
      const reply = await send(named.baseUrl, '/api/hello', { headers: bearer(auth.token()) });
      expect(HelloResponseSchema.strict().parse(reply.json)).toEqual({ message: 'Hello, Ada Lovelace.', signedIn: true });
    } finally {
      await named.close();
      await database.close();
    }
  });
});
