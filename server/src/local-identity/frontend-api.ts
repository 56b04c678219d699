import cors from 'cors';
import express, { Router, type Request, type RequestHandler } from 'express';
import {
  AuthenticatedResponseSchema,
  ClientResponseSchema,
  SignInRequestSchema,
  SignUpRequestSchema,
  type AuthenticatedResponse,
} from '#shared/local-identity-protocol';
import { authenticate, registerUser } from './accounts.ts';
import { clientTokenOf } from './client-auth.ts';
import type { IdentityAppDeps } from './deps.ts';
import { localClient, type FrontendContext } from './frontend-json.ts';
import { frontendSessionsRouter } from './frontend-sessions.ts';
import { envelopeErrorHandler, envelopeNotFound } from './http-errors.ts';
import { clientForToken, startSession } from './sessions.ts';
import type { StoredUser } from './store.ts';

/**
 * The Frontend API the SPA's local Clerk instance speaks (contract:
 * shared/local-identity-protocol.ts), mounted at `/v1/client`. Bodies in and
 * out are parsed with the shared schemas; errors use the app's envelope.
 */
export function frontendCors(authorizedParties: readonly string[]): RequestHandler {
  const allowed = new Set(authorizedParties);
  return cors({
    // Other origins get no CORS headers at all, so browsers refuse them.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
}

export function frontendApiRouter(deps: IdentityAppDeps): Router {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const context = (): FrontendContext => ({ store, issuer: deps.issuer, now: now() });
  // A sign-in or sign-up replaces the client the request came from, if any.
  const signedIn = (req: Request, user: StoredUser): AuthenticatedResponse => {
    const started = startSession(store, user, clientForToken(store, clientTokenOf(req)), now());
    return AuthenticatedResponseSchema.parse({
      clientToken: started.clientToken,
      client: localClient(started.client, context()),
      createdSessionId: started.session.id,
    });
  };

  const router = Router();
  router.use(frontendCors(deps.authorizedParties));
  router.use(express.json({ limit: '16kb' }));

  router.get('/', (req, res) => {
    const client = clientForToken(store, clientTokenOf(req));
    res.json(ClientResponseSchema.parse({ client: client ? localClient(client, context()) : null }));
  });

  router.post('/sign_ins', async (req, res) => {
    const user = await authenticate(store, SignInRequestSchema.parse(req.body ?? {}));
    res.json(signedIn(req, user));
  });

  router.post('/sign_ups', async (req, res) => {
    const user = await registerUser(store, SignUpRequestSchema.parse(req.body ?? {}), now());
    res.json(signedIn(req, user));
  });

  router.use('/sessions', frontendSessionsRouter(deps));
  router.use(envelopeNotFound);
  router.use(envelopeErrorHandler(deps.logger));
  return router;
}
