import type { Request, RequestHandler, Response } from 'express';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import type { EmulatorDeps } from '../deps.ts';
import { EmulatorError } from '../http/errors.ts';
import { recordClientActivity } from '../store/client-expiry.ts';
import { clientForToken, requireActiveSession } from '../store/sessions.ts';
import type { StoredClient, StoredSession, StoredUser } from '../store/store.ts';
import { mintTokenForSession } from '../tokens/token-minting.ts';
import type { AttemptStore } from './attempts.ts';
import { fapiClient, type FrontendJsonContext } from './fapi-json.ts';

/**
 * What every Frontend API handler shares: the caller's client (found through
 * Clerk's dev-browser id, `__clerk_db_jwt`), the JSON context, and Clerk's
 * `{ response, client }` envelope.
 */
export interface FrontendDeps extends EmulatorDeps {
  attempts: AttemptStore;
}

export const DEV_BROWSER_PARAM = '__clerk_db_jwt';

/**
 * A development instance's browsers identify themselves with the dev-browser
 * id clerk-js sends as a query parameter on every call. An unknown one gets
 * Clerk's `dev_browser_unauthenticated`, on which clerk-js asks for a new one.
 */
export function requireDevBrowser(deps: FrontendDeps): RequestHandler {
  return (req, res, next) => {
    const token = req.query[DEV_BROWSER_PARAM];
    const client = typeof token === 'string' ? clientForToken(deps.store, token) : undefined;
    if (!client) throw new EmulatorError(401, 'dev_browser_unauthenticated', 'Unable to authenticate the development browser.');
    recordClientActivity(deps.store, client, (deps.now ?? Date.now)());
    res.locals.client = client;
    next();
  };
}

export function callerClient(res: Response): StoredClient {
  return res.locals.client as StoredClient;
}

/**
 * The page that asked: `Origin` on POSTs, the `Referer`'s origin on same-origin
 * GETs (browsers send no Origin there). Tokens are minted only for the
 * authorized SPA origins, with that origin as `azp`.
 */
export function askingOrigin(req: Request, authorizedParties: readonly string[]): string | null {
  const candidates = [req.get('origin'), refererOrigin(req.get('referer'))];
  return candidates.find((origin): origin is string => !!origin && authorizedParties.includes(origin)) ?? null;
}

function refererOrigin(referer: string | undefined): string | null {
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}

export function frontendContext(req: Request, res: Response, deps: FrontendDeps): FrontendJsonContext {
  const now = (deps.now ?? Date.now)();
  const origin = askingOrigin(req, deps.authorizedParties);
  const client = res.locals.client as StoredClient | undefined;
  const attempts = client ? deps.attempts.of(client.id) : {};
  return {
    store: deps.store,
    lockout: deps.lockout,
    // Images go through the same proxy path as everything else, so the page's CSP needs no other origin.
    issuer: origin ? `${origin}${LOCAL_CLERK_PROXY_PATH}` : deps.issuer,
    now,
    lastActiveToken: (session) => (origin ? mintTokenForSession(deps, session, origin, now) : null),
    signIn: attempts.signIn,
    signUp: attempts.signUp,
  };
}

/** Clerk's usual answer: the resource, and the client as it is now (clerk-js updates its state from it). */
export function sendWithClient(req: Request, res: Response, deps: FrontendDeps, response: (ctx: FrontendJsonContext) => unknown): void {
  const ctx = frontendContext(req, res, deps);
  res.json({ response: response(ctx), client: fapiClient(callerClient(res), ctx) });
}

/**
 * The session `/v1/me*` and `/v1/organizations*` calls act for: clerk-js sends
 * `_clerk_session_id`; it must be an active session of the caller's client.
 */
export function callerSession(req: Request, res: Response, deps: FrontendDeps): { session: StoredSession; user: StoredUser } {
  const client = callerClient(res);
  const asked = typeof req.query._clerk_session_id === 'string' ? req.query._clerk_session_id : latestSessionId(deps, client);
  if (!asked) throw new EmulatorError(401, 'signed_out', 'You are signed out.');
  const session = requireActiveSession(deps.store, client, asked, (deps.now ?? Date.now)());
  const user = deps.store.userById(session.userId);
  if (!user) throw new EmulatorError(401, 'signed_out', 'The user of this session no longer exists.');
  return { session, user };
}

function latestSessionId(deps: FrontendDeps, client: StoredClient): string | undefined {
  const now = (deps.now ?? Date.now)();
  return deps.store
    .sessionsOfClient(client.id)
    .filter((session) => session.status === 'active' && session.expireAt > now)
    .at(-1)?.id;
}

/** A 422 that Clerk's form components show under the field `param`. */
export function formError(code: string, message: string, param: string): EmulatorError {
  return new EmulatorError(422, code, message, { [param]: [message] });
}
