import express, { Router, type RequestHandler } from 'express';
import { avatarsRouter } from './avatars.ts';
import { organizationBillingRouter, plansRouter, userBillingRouter } from './billing-routes.ts';
import { clerkErrorHandler } from '../http/clerk-http.ts';
import type { EmulatorDeps } from '../deps.ts';
import { EmulatorError } from '../http/errors.ts';
import { removeIdleClients } from '../store/client-expiry.ts';
import { createClient } from '../store/sessions.ts';
import { AttemptStore } from './attempts.ts';
import { clerkScriptsRouter, locateBrowserPackage } from './clerk-scripts.ts';
import { clientRouter } from './client-routes.ts';
import { environmentJson } from './environment.ts';
import { refuseWhatClerkRefuses } from './form-rules.ts';
import { requireDevBrowser, type FrontendDeps } from './fapi-context.ts';
import { meInvitationRouter, organizationInvitationRouter } from './invitation-routes.ts';
import { inboxRouter } from '../mail/inbox-page.ts';
import { meRouter } from './me-routes.ts';
import { mfaRouter } from './mfa-routes.ts';
import { deleteMeRouter } from './delete-me-routes.ts';
import { templateTokenRouter } from './template-token-routes.ts';
import { imagesRouter, organizationLogoRouter, profileImageRouter } from './image-routes.ts';
import { meSessionsRouter, recordBrowserDetails } from './me-sessions-routes.ts';
import { organizationRouter } from './organization-routes.ts';
import { passkeyRouter } from './passkey-routes.ts';
import { waitlistRouter } from './waitlist-routes.ts';

/**
 * Clerk's Frontend API as clerk-js calls it through the proxy path (form-encoded bodies, `POST ?_method=X`); an endpoint
 * not emulated answers Clerk's error shape and is logged by name. More: docs/local-mode.md, "What the emulator answers".
 */
export const APPLICATION_NAME = 'Clerk SPA + API (local)';

export function frontendApiRouter(deps: EmulatorDeps): Router {
  const frontend: FrontendDeps = { ...deps, attempts: new AttemptStore() };
  const packages = [locateBrowserPackage('@clerk/clerk-js'), locateBrowserPackage('@clerk/ui')];
  const environment = environmentJson(APPLICATION_NAME, packages[0]!.version, deps.lockout?.settings, deps.passkeys);
  const router = Router();
  router.use(clerkScriptsRouter(packages));
  router.use('/v1/avatars', avatarsRouter(deps.store));
  router.use(inboxRouter(deps.inbox));
  router.use('/v1/images', imagesRouter(deps.store));

  const v1 = Router();
  v1.use(methodOverride);
  v1.use(express.urlencoded({ extended: false, limit: '16kb' }));
  // The store grows only here, so this is where idle clients are let go (and once at start).
  const removeIdle = (now: number) => removeIdleClients(deps.store, now).forEach((id) => frontend.attempts.clear(id));
  removeIdle((deps.now ?? Date.now)());
  v1.post('/dev_browser', (_req, res) => {
    const now = (deps.now ?? Date.now)();
    removeIdle(now);
    const { token } = createClient(deps.store, now);
    res.json({ object: 'dev_browser', id: token });
  });
  // clerk-js loads the environment with GET (production keys) or PATCH (development keys).
  v1.all('/environment', (_req, res) => {
    res.json(environment);
  });
  v1.use(requireDevBrowser(frontend));
  v1.use(recordBrowserDetails(frontend));
  v1.use(refuseWhatClerkRefuses(environment));
  // Billing is off, as Clerk answers it (billing-routes.ts); before the routers of `/me` and `/organizations`.
  v1.use('/me/billing', userBillingRouter(frontend));
  v1.use('/organizations/:organizationId/billing', organizationBillingRouter(frontend));
  v1.use('/billing', plansRouter());
  v1.use('/client', templateTokenRouter(frontend));
  v1.use('/client', clientRouter(frontend));
  v1.use('/me', meInvitationRouter(frontend));
  v1.use('/me', mfaRouter(frontend, APPLICATION_NAME));
  v1.use('/me', passkeyRouter(frontend, APPLICATION_NAME, environment.user_settings.attributes.passkey.enabled));
  v1.use('/me', meSessionsRouter(frontend));
  v1.use('/me', deleteMeRouter(frontend));
  v1.use('/me', profileImageRouter(frontend));
  v1.use('/organizations', organizationLogoRouter(frontend));
  v1.use('/me', meRouter(frontend));
  v1.use('/organizations', organizationInvitationRouter(frontend));
  v1.use('/organizations', organizationRouter(frontend));
  v1.use('/waitlist', waitlistRouter(frontend));
  v1.use((req) => {
    deps.logger?.warn({ method: req.method, path: `/v1${req.path}` }, `Frontend API endpoint not emulated: ${req.method} /v1${req.path}`);
    throw new EmulatorError(404, 'resource_not_found', `${req.method} /v1${req.path} is not emulated in local mode.`);
  });
  router.use('/v1', v1);
  router.use(clerkErrorHandler(deps.logger));
  return router;
}

/** clerk-js sends PATCH, PUT and DELETE as `POST ?_method=…`, as Clerk's Frontend API expects. */
const methodOverride: RequestHandler = (req, _res, next) => {
  const method = typeof req.query._method === 'string' ? req.query._method.toUpperCase() : null;
  if (req.method === 'POST' && method && ['PATCH', 'PUT', 'DELETE'].includes(method)) req.method = method;
  next();
};
