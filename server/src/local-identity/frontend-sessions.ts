import { Router } from 'express';
import { ClientResponseSchema, TokenResponseSchema, TouchSessionRequestSchema } from '#shared/local-identity-protocol';
import { requireCallerClient } from './client-auth.ts';
import type { IdentityAppDeps } from './deps.ts';
import { IdentityError } from './errors.ts';
import { localClient } from './frontend-json.ts';
import { endSession, requireActiveSession, requireClientSession, setActiveOrganization } from './sessions.ts';
import { mintTokenForSession } from './token-minting.ts';

/** `/v1/client/sessions/:sid/{tokens,touch,end}`: what a signed-in browser does with its session. */
export function frontendSessionsRouter(deps: IdentityAppDeps): Router {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const clientBody = (client: Parameters<typeof localClient>[0]) =>
    ClientResponseSchema.parse({ client: localClient(client, { store, issuer: deps.issuer, now: now() }) });
  const router = Router();

  router.post('/:sid/tokens', (req, res) => {
    const client = requireCallerClient(store, req);
    // The token's azp is the asking page's origin, so the API's authorizedParties check means something.
    const origin = req.get('origin');
    if (!origin || !deps.authorizedParties.includes(origin)) {
      throw new IdentityError(403, 'origin_not_allowed', 'Tokens are only minted for the authorized SPA origins.');
    }
    const session = requireActiveSession(store, client, req.params.sid, now());
    res.json(TokenResponseSchema.parse({ jwt: mintTokenForSession(deps, session, origin, now()) }));
  });

  router.post('/:sid/touch', (req, res) => {
    const client = requireCallerClient(store, req);
    const { activeOrganizationId } = TouchSessionRequestSchema.parse(req.body ?? {});
    const session = requireActiveSession(store, client, req.params.sid, now());
    setActiveOrganization(store, session, activeOrganizationId, now());
    res.json(clientBody(client));
  });

  router.post('/:sid/end', (req, res) => {
    const client = requireCallerClient(store, req);
    // Ending an ended session is not an error: a second sign-out click must not fail.
    endSession(store, requireClientSession(store, client, req.params.sid), now());
    res.json(clientBody(client));
  });

  return router;
}
