import { Router } from 'express';
import { EmulatorError } from '../http/errors.ts';
import { requireActiveSession } from '../store/sessions.ts';
import { mintTemplateToken, SEEDED_JWT_TEMPLATES } from '../tokens/jwt-templates.ts';
import { askingOrigin, callerClient, type FrontendDeps } from './fapi-context.ts';

/**
 * `POST /v1/client/sessions/{id}/tokens/{template}`: what `getToken({ template })`
 * calls. The templates are the emulator's seed (tokens/jwt-templates.ts); an
 * unknown one is 404, as Clerk answers.
 */
export function templateTokenRouter(deps: FrontendDeps): Router {
  const router = Router();
  router.post('/sessions/:sid/tokens/:template', (req, res) => {
    const now = (deps.now ?? Date.now)();
    const session = requireActiveSession(deps.store, callerClient(res), req.params.sid, now);
    const template = SEEDED_JWT_TEMPLATES.find((candidate) => candidate.name === req.params.template);
    if (!template) throw new EmulatorError(404, 'resource_not_found', `No JWT template named ${req.params.template}.`);
    const origin = askingOrigin(req, deps.authorizedParties);
    // 401, not the 403 of session tokens: Clerk's spec gives this endpoint no 403.
    if (!origin) throw new EmulatorError(401, 'origin_not_allowed', 'Tokens are only minted for the authorized SPA origins.');
    res.json({
      object: 'token',
      jwt: mintTemplateToken(template, { store: deps.store, keys: deps.keys, issuer: deps.issuer, session, azp: origin, now }),
    });
  });
  return router;
}
