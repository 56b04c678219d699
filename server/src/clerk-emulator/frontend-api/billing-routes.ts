import { Router, type Request } from 'express';
import { EmulatorError } from '../http/errors.ts';
import { callerSession, type FrontendDeps } from './fapi-context.ts';

/**
 * Clerk Billing as Clerk answers it for an instance with billing off, which the environment says this one is
 * (`commerce_settings.billing`: user and organization `enabled: false`, environment.ts). clerk-js and @clerk/ui then
 * make none of these calls (`<PricingTable>` refuses to render, `<UserProfile>` and `<OrganizationProfile>` show no
 * Billing page, the billing hooks stay idle); an app calling `clerk.billing.*` itself gets Clerk's refusal, not a 404.
 *
 * The refusal is Clerk's documented `billing_not_enabled`, 403 (Clerk's Frontend API error index; clerk/javascript#6785
 * names the 403 FAPI answers to billing calls on an instance with billing off). A few operations' specs list no 403:
 * those answer the same error with the spec's generic 400, so every answer stays within Clerk's spec.
 */
const BILLING_NOT_ENABLED = 'The billing feature is not enabled for this instance. You can enable it at https://dashboard.clerk.com.';

/** The user's billing operations whose spec has no 403 (paths below `/me/billing`). */
const USER_OPERATIONS_WITHOUT_403: readonly [method: string, path: RegExp][] = [
  ['GET', /^\/subscription$/],
  ['GET', /^\/subscription_items$/],
  ['POST', /^\/payment_methods$/],
  ['GET', /^\/checkouts\/[^/]+$/],
  ['PATCH', /^\/checkouts\/[^/]+$/],
  ['PATCH', /^\/checkouts\/[^/]+\/confirm$/],
];

export function billingNotEnabled(status: 400 | 403 = 403): EmulatorError {
  return new EmulatorError(status, 'billing_not_enabled', BILLING_NOT_ENABLED);
}

/** Mounted on `/v1/me/billing`: the signed-in user's subscription, statements, payment methods, checkouts. */
export function userBillingRouter(deps: FrontendDeps): Router {
  const router = Router();
  router.use((req, res) => {
    callerSession(req, res, deps);
    const without403 = USER_OPERATIONS_WITHOUT_403.some(([method, path]) => method === req.method && path.test(req.path));
    throw billingNotEnabled(without403 ? 400 : 403);
  });
  return router;
}

/** Mounted on `/v1/organizations/:organizationId/billing`: every operation's spec lists 403. */
export function organizationBillingRouter(deps: FrontendDeps): Router {
  const router = Router({ mergeParams: true });
  router.use((req, res) => {
    callerSession(req, res, deps);
    throw billingNotEnabled();
  });
  return router;
}

/**
 * Mounted on `/v1/billing`: the plans `<PricingTable>` lists, which need no session. The plan list's spec lists 403;
 * one plan's does not (400).
 */
export function plansRouter(): Router {
  const router = Router();
  router.use((req: Request) => {
    throw billingNotEnabled(req.method === 'GET' && /^\/plans\/[^/]+$/.test(req.path) ? 400 : 403);
  });
  return router;
}
