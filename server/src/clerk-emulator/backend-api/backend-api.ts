import express, { Router } from 'express';
import { backendOrganizationsRouter } from './backend-organizations.ts';
import { backendUsersRouter } from './backend-users.ts';
import { sessionJson } from '../http/clerk-json.ts';
import type { EmulatorDeps } from '../deps.ts';
import { EmulatorError } from '../http/errors.ts';
import { clerkErrorHandler, notFound, requireSecretKey, sendClerkJson } from '../http/clerk-http.ts';
import { jwksFor } from '../../common/local-keys.ts';

/**
 * The subset of Clerk's Backend API that `clerkClient` (with `apiUrl` = this
 * server) calls: behind the secret key, Clerk's JSON shapes and Clerk's error
 * shape `{ errors: [{ message, long_message, code, meta? }] }`.
 */
export function backendApiRouter(deps: EmulatorDeps): Router {
  const router = Router();
  router.use(requireSecretKey(deps.keys.secretKey));
  router.use(express.json({ limit: '100kb' }));
  router.get('/jwks', (_req, res) => sendClerkJson(res, 200, jwksFor(deps.keys)));
  router.use(backendUsersRouter(deps));
  router.use(backendOrganizationsRouter(deps));
  router.get('/sessions/:id', (req, res) => {
    const session = deps.store.sessionById(req.params.id);
    if (!session) throw notFound('Session');
    sendClerkJson(res, 200, sessionJson(session, { store: deps.store, issuer: deps.issuer, now: (deps.now ?? Date.now)() }));
  });
  router.use((req) => {
    throw new EmulatorError(404, 'resource_not_found', `No Backend API route for ${req.method} ${req.path}.`);
  });
  router.use(clerkErrorHandler(deps.logger));
  return router;
}
