import { Router } from 'express';
import type { HealthResponse } from '#shared/api-contracts';

/** Liveness for load balancers and the end-to-end harness: no auth, no upstream calls. */
export function healthRouter(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  return router;
}
