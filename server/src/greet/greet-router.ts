import { Router } from 'express';
import { GreetRequestSchema } from '#shared/api-contracts';
import { requireUser } from '../middleware/require-user.ts';
import { readJsonBody } from '../middleware/validate.ts';
import { greet } from './greet-service.ts';

/** A protected mutation with a validated body. */
export function greetRouter(): Router {
  const router = Router();
  router.post('/', (req, res) => {
    const caller = requireUser(req);
    const input = readJsonBody(req, GreetRequestSchema);
    res.json(greet(caller, input));
  });
  return router;
}
