import { Router } from 'express';
import type { HealthResponse } from '#shared/api-contracts';
import { ERROR_CODES } from '#shared/api-error';
import type { Database } from '../db/database.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/database-errors.ts';
import { databaseReadiness } from './database-readiness.ts';
import { HttpError } from '../common/http-error.ts';

export interface HealthDeps {
  database: Database;
}

/**
 * `/api/health`: liveness, for load balancers and the end-to-end harness: no
 * auth, no upstream calls, so a database outage never gets the process restarted.
 * `/api/health/ready`: readiness: 503 while the database does not answer, so
 * traffic goes to instances that can serve it.
 */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  const isDatabaseReady = databaseReadiness(deps.database);
  router.get('/', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  router.get('/ready', async (_req, res) => {
    if (!(await isDatabaseReady())) {
      throw new HttpError(503, ERROR_CODES.databaseUnavailable, 'The database is not answering. Try again shortly.', {
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      });
    }
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  return router;
}
