import express, { Router } from 'express';
import { backendApplicationInvitationsRouter } from './backend-application-invitations.ts';
import { backendOrganizationsRouter } from './backend-organizations.ts';
import { backendInvitationsRouter } from './backend-invitations.ts';
import { backendOrganizationWritesRouter } from './backend-organization-writes.ts';
import { backendSessionsRouter } from './backend-sessions.ts';
import { backendSignInTokensRouter } from './backend-sign-in-tokens.ts';
import { backendUserActionsRouter } from './backend-user-actions.ts';
import { backendUsersRouter } from './backend-users.ts';
import { backendWaitlistRouter } from './backend-waitlist.ts';
import type { EmulatorDeps } from '../deps.ts';
import { EmulatorError } from '../http/errors.ts';
import { clerkErrorHandler, requireSecretKey, sendClerkJson } from '../http/clerk-http.ts';
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
  // The bulk invitations body is a bare array, which the body parser's default `strict` already accepts.
  router.use(backendUserActionsRouter(deps));
  router.use(backendUsersRouter(deps));
  router.use(backendOrganizationWritesRouter(deps));
  router.use(backendInvitationsRouter(deps));
  router.use(backendOrganizationsRouter(deps));
  router.use(backendSessionsRouter(deps));
  router.use(backendSignInTokensRouter(deps));
  router.use(backendWaitlistRouter(deps));
  router.use(backendApplicationInvitationsRouter(deps));
  router.use((req) => {
    throw new EmulatorError(404, 'resource_not_found', `No Backend API route for ${req.method} ${req.path}.`);
  });
  router.use(clerkErrorHandler(deps.logger));
  return router;
}
