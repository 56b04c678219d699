import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { endSession, requireActiveSession, requireClientSession, setActiveOrganization } from '../store/sessions.ts';
import type { StoredSession } from '../store/store.ts';
import { mintTokenForSession } from '../tokens/token-minting.ts';
import { fapiClient, fapiSession } from './fapi-json.ts';
import { askingOrigin, callerClient, frontendContext, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { signInRouter } from './sign-in-routes.ts';
import { signUpRouter } from './sign-up-routes.ts';

/**
 * `/v1/client`: the browser's client, its sign-in and sign-up attempts, and
 * what a signed-in browser does with its sessions (touch, tokens, end, remove).
 */
const Touch = z.object({ active_organization_id: z.string().optional() });
const TokenRequest = z.object({ organization_id: z.string().optional() });

export function clientRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();

  // GET answers the client in `response` (clerk-js reads it from there on load); writes answer it in both.
  router.get('/', (req, res) => {
    const ctx = frontendContext(req, res, deps);
    res.json({ response: fapiClient(callerClient(res), ctx), client: null });
  });
  for (const method of ['post', 'put'] as const) {
    router[method]('/', (req, res) => sendWithClient(req, res, deps, (ctx) => fapiClient(callerClient(res), ctx)));
  }
  // Sign-out of everything: the client's sessions end and its attempts go; the client itself stays the browser's.
  router.delete('/', (req, res) => {
    endAllSessions(res);
    sendWithClient(req, res, deps, (ctx) => fapiClient(callerClient(res), ctx));
  });

  router.use('/sign_ins', signInRouter(deps));
  router.use('/sign_ups', signUpRouter(deps));

  router.delete('/sessions', (req, res) => {
    endAllSessions(res);
    sendWithClient(req, res, deps, (ctx) => fapiClient(callerClient(res), ctx));
  });

  router.get('/sessions/:sid', (req, res) => {
    const session = requireClientSession(deps.store, callerClient(res), req.params.sid);
    sendSession(req, res, session);
  });

  router.post('/sessions/:sid/touch', (req, res) => {
    const session = requireActiveSession(deps.store, callerClient(res), req.params.sid, now());
    const { active_organization_id: organizationId } = Touch.parse(req.body ?? {});
    // Absent: keep the active organization; empty: the personal account.
    if (organizationId !== undefined) setActiveOrganization(deps.store, session, organizationId || null, now());
    sendSession(req, res, session);
  });

  router.post('/sessions/:sid/tokens', (req, res) => {
    const session = requireActiveSession(deps.store, callerClient(res), req.params.sid, now());
    const origin = askingOrigin(req, deps.authorizedParties);
    if (!origin) throw new EmulatorError(403, 'origin_not_allowed', 'Tokens are only minted for the authorized SPA origins.');
    // clerk-js names the organization its tab has active (another tab may have switched the session since);
    // a non-member's token simply carries no organization.
    const { organization_id: asked } = TokenRequest.parse(req.body ?? {});
    const organizationId = asked === undefined ? session.lastActiveOrganizationId : asked || null;
    res.json({ object: 'token', jwt: mintTokenForSession(deps, session, origin, now(), organizationId) });
  });

  for (const action of ['end', 'remove'] as const) {
    router.post(`/sessions/:sid/${action}`, (req, res) => {
      // Ending an ended session is not an error: a second sign-out click must not fail.
      const session = requireClientSession(deps.store, callerClient(res), req.params.sid);
      endSession(deps.store, session, now());
      deps.attempts.clear(callerClient(res).id);
      sendSession(req, res, session);
    });
  }

  function endAllSessions(res: Response): void {
    const client = callerClient(res);
    for (const session of deps.store.sessionsOfClient(client.id)) endSession(deps.store, session, now());
    deps.attempts.clear(client.id);
  }

  function sendSession(req: Request, res: Response, session: StoredSession): void {
    const user = deps.store.userById(session.userId);
    if (!user) throw new EmulatorError(404, 'resource_not_found', 'The user of this session no longer exists.');
    sendWithClient(req, res, deps, (ctx) => fapiSession(session, user, ctx));
  }

  return router;
}
