import { Router } from 'express';
import type { HelloResponse } from '#shared/api-contracts';
import { optionalUser } from '../middleware/require-user.ts';

/**
 * Public, personalized when a valid token comes along. An invalid or expired
 * token is not an error here: the caller is simply a stranger.
 */
export function helloRouter(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const caller = optionalUser(req);
    const body: HelloResponse = caller ? { message: `Hello, ${caller.userId}.`, signedIn: true } : { message: 'Hello, stranger.', signedIn: false };
    res.json(body);
  });
  return router;
}
