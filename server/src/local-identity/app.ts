import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { FRONTEND_API_PATHS } from '#shared/local-identity-protocol';
import { avatarsRouter } from './avatars.ts';
import { backendApiRouter } from './backend-api.ts';
import type { IdentityAppDeps } from './deps.ts';
import { frontendApiRouter, frontendCors } from './frontend-api.ts';
import { frontendApiRouter as clerkFrontendApiRouter } from './frontend/fapi-router.ts';
import { envelopeErrorHandler, envelopeNotFound } from './http-errors.ts';
import { jwksFor } from './keys.ts';

export type { IdentityAppDeps } from './deps.ts';

/**
 * The local identity server: Clerk's stand-in in local mode. Builds the
 * Express app and never listens (main.ts does), so tests drive it in-process.
 *
 * Routes, most specific first: the public JWKS and avatars, the Frontend API
 * under `/v1/client`, then everything else under `/v1` is the Backend API,
 * behind the secret key.
 */
export function createIdentityApp(deps: IdentityAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      // JSON and SVG only, over plain http on loopback: nothing to load, and no HTTPS to pin.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      strictTransportSecurity: false,
    }),
  );
  if (deps.logger) {
    app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url === '/health' } }));
  }

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(FRONTEND_API_PATHS.jwks, frontendCors(deps.authorizedParties), (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(jwksFor(deps.keys));
  });
  // Clerk's Frontend API and scripts, reached through the SPA's own origin (Vite's dev proxy, the e2e server).
  app.use(LOCAL_CLERK_PROXY_PATH, clerkFrontendApiRouter(deps));
  app.use('/v1/avatars', avatarsRouter(deps.store));
  app.use(FRONTEND_API_PATHS.client, frontendApiRouter(deps));
  app.use('/v1', backendApiRouter(deps));

  app.use(envelopeNotFound);
  app.use(envelopeErrorHandler(deps.logger));
  return app;
}
