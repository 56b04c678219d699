import type { ClerkClient } from '@clerk/express';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { adminRouter } from './admin/admin-router.ts';
import { createRoleChangeLock, type RoleChangeLock } from './admin/role-change-lock.ts';
import { authenticate } from './auth/authenticate.ts';
import { clerkWebhooksRouter } from './clerk-sync/clerk-webhooks-router.ts';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './auth/verified-token-cache.ts';
import type { ClerkOptions } from './auth/clerk-options.ts';
import type { Database } from './db/database.ts';
import { databaseErrors } from './db/database-errors.ts';
import type { TrustProxy } from './common/env-parsing.ts';
import { greetRouter } from './greet/greet-router.ts';
import { healthRouter } from './health/health-router.ts';
import { helloRouter } from './hello/hello-router.ts';
import { meRouter } from './me/me-router.ts';
import { corsPolicy } from './middleware/cors.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { httpLogger } from './middleware/http-logger.ts';
import { jsonBody } from './middleware/json-body.ts';
import { rateLimitClerkDeliveries, rateLimitPerCaller, type RateLimitOptions } from './middleware/rate-limit.ts';
import { requestId } from './middleware/request-id.ts';
import { createOrganizationDirectory } from './organizations/organization-directory.ts';
import { organizationsRouter } from './organizations/organizations-router.ts';
import { postsRouter } from './posts/posts-router.ts';
import { withUserCache } from './users/cached-user-directory.ts';
import { createUserDirectory, type UserDirectory } from './users/user-directory.ts';

export interface AppDeps {
  /** The process's Clerk client; tests pass one whose `apiUrl` is a fake Backend API. */
  clerkClient: ClerkClient;
  clerk: ClerkOptions;
  logger: Logger;
  /** Opened and migrated by main.ts; the app never closes it. */
  database: Database;
  /** Defaults to the Backend API through `clerkClient`. */
  users?: UserDirectory;
  /** Requests per caller; main.ts always sets it, tests that are not about limits leave it off. */
  rateLimit?: RateLimitOptions;
  /** Defaults to a fresh cache; `false` leaves every token to Clerk, as the benchmark's baseline does. */
  tokenCache?: VerifiedTokenCache | false;
  /** Which peers' `X-Forwarded-For` names the client (`req.ip`, per-IP limits, logs); off by default. */
  trustProxy?: TrustProxy;
  /**
   * Orders role changes. Defaults to this process alone; main.ts passes one
   * on the database, so that instances take turns too.
   */
  roleChangeLock?: RoleChangeLock;
  /** Verifies Clerk's webhooks (see auth/clerk-options.ts `webhookSigningSecretFor`); without one they answer 503. */
  webhookSigningSecret?: string | null;
}

/** The API as an Express app. It never listens: main.ts and the tests do. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(helmet());
  app.use(requestId());
  app.use(httpLogger(deps.logger));
  app.use(noStore);
  app.use(corsPolicy(deps.clerk.authorizedParties));
  // Before authentication and limits: load balancers probe it often, with no token.
  app.use('/api/health', healthRouter({ database: deps.database }));
  // Before the JSON parser (the signature covers the raw bytes) and authentication (Svix sends no token).
  app.use(
    '/api/webhooks/clerk',
    ...(deps.rateLimit ? [rateLimitClerkDeliveries(deps.rateLimit)] : []),
    clerkWebhooksRouter({ database: deps.database, signingSecret: deps.webhookSigningSecret ?? null }),
  );
  app.use(jsonBody());
  app.use(authenticate(deps.clerkClient, deps.clerk, deps.tokenCache ?? createVerifiedTokenCache()));
  if (deps.rateLimit) app.use(rateLimitPerCaller(deps.rateLimit));

  const users = deps.users ?? withUserCache(createUserDirectory(deps.clerkClient));
  app.use('/api/hello', helloRouter({ database: deps.database }));
  app.use('/api/me', meRouter(users));
  app.use('/api/greet', greetRouter());
  app.use('/api/posts', postsRouter({ database: deps.database }));
  app.use('/api/admin', adminRouter(users, deps.roleChangeLock ?? createRoleChangeLock()));
  app.use('/api/orgs', organizationsRouter(createOrganizationDirectory(deps.clerkClient)));

  app.use(notFound);
  app.use(databaseErrors);
  app.use(errorHandler);
  return app;
}

/**
 * Answers depend on the Authorization header, which no cache keys on by
 * default: nothing here may be stored by a browser or a shared cache.
 */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
