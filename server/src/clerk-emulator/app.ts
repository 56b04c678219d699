import express, { type Express } from 'express';
import helmet from 'helmet';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { imagesRouter } from './frontend-api/image-routes.ts';
import { avatarsRouter } from './frontend-api/avatars.ts';
import { backendApiRouter } from './backend-api/backend-api.ts';
import { clerkErrorHandler } from './http/clerk-http.ts';
import type { EmulatorDeps } from './deps.ts';
import { EmulatorError } from './http/errors.ts';
import { frontendApiRouter } from './frontend-api/fapi-router.ts';
import { allowedHosts, requireKnownHost } from './http/host-check.ts';
import { jwksFor } from '../common/local-keys.ts';
import { requestLogger } from './http/request-log.ts';
import { rejectMalformedUrl } from './http/url-check.ts';
import { rememberRequestAttributes } from './webhooks/request-attributes.ts';
import { UserLockout } from './store/user-lockout.ts';

export type { EmulatorDeps } from './deps.ts';

/**
 * The Clerk emulator's Express app; it never listens (main.ts does), so tests drive it in-process. Routes, most
 * specific first: JWKS, the Frontend API and scripts under the proxy path, avatars, then the Backend API under `/v1`.
 * More: docs/local-mode.md, "What the emulator answers".
 */
export function createEmulatorApp(given: EmulatorDeps): Express {
  const deps: EmulatorDeps = { ...given, lockout: given.lockout ?? new UserLockout(given.userLockout) };
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      // JSON, scripts and SVG only, over plain http on loopback: nothing here is a page, and no HTTPS to pin.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      strictTransportSecurity: false,
    }),
  );
  if (deps.logger) app.use(requestLogger(deps.logger));
  // Before anything reads the request: a foreign Host (DNS rebinding) and a URL that does not decode end here.
  app.use(requireKnownHost(allowedHosts(deps.issuer, deps.authorizedParties)));
  app.use(rejectMalformedUrl);

  // For the webhooks a request's changes cause (`event_attributes.http_request`).
  app.use(rememberRequestAttributes());

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Fetched by the API (server to server) when it has no CLERK_JWT_KEY.
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(jwksFor(deps.keys));
  });
  app.use(LOCAL_CLERK_PROXY_PATH, frontendApiRouter(deps));
  app.use('/v1/avatars', avatarsRouter(deps.store));
  app.use('/v1/images', imagesRouter(deps.store));
  app.use('/v1', backendApiRouter(deps));

  app.use((req) => {
    throw new EmulatorError(404, 'resource_not_found', `No route for ${req.method} ${req.path}.`);
  });
  app.use(clerkErrorHandler(deps.logger));
  return app;
}
