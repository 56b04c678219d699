import { Router } from 'express';
import type { HelloResponse } from '#shared/api-contracts';
import type { Database } from '../db/database.ts';
import { optionalUser } from '../middleware/require-user.ts';
import { findDisplayName } from '../users/display-names.ts';

/**
 * Public, personalized when a valid token comes along. An invalid or expired
 * token is not an error here: the caller is simply a stranger. The name comes
 * from our copy of Clerk's users (a session token carries no name); the user
 * id stands in until that copy arrives, or while the database cannot answer:
 * a greeting is not worth an error.
 */
export function helloRouter(deps: { database: Database }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const caller = optionalUser(req);
    if (!caller) {
      res.json({ message: 'Hello, stranger.', signedIn: false } satisfies HelloResponse);
      return;
    }
    const name = await findDisplayName(deps.database.db, caller.userId).catch((error: unknown) => {
      // The reason only: a database outage is no bug, and logs carry no stack traces.
      req.log.warn({ reason: reasonOf(error) }, 'the greeting could not read the user’s name');
      return null;
    });
    res.json({ message: `Hello, ${name ?? caller.userId}.`, signedIn: true } satisfies HelloResponse);
  });
  return router;
}

/** Drizzle wraps the driver's error (a refused connection, a timeout) with the query: the driver's says why. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
