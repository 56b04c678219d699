import { Router } from 'express';
import { z } from 'zod';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import {
  SIGN_IN_TOKEN_LIFETIME_SECONDS,
  createSignInToken,
  revokeSignInToken,
  signInTokenTicketOf,
  signInTokenUrl,
} from '../store/sign-in-tokens.ts';
import type { StoredSignInToken } from '../store/store.ts';
import type { EmulatorDeps } from '../deps.ts';
import { backendLookups } from './backend-lookups.ts';

/**
 * `clerkClient.signInTokens`: create one for a user (`createSignInToken`, what `@clerk/testing` signs users in with)
 * and revoke a pending one. The `token` is a ticket for `POST /v1/client/sign_ins` (`strategy=ticket`), good once.
 */
const CreateSchema = z.strictObject({
  user_id: z.string(),
  org_id: z.string().nullable().optional(),
  expires_in_seconds: z.number().int().min(1).nullable().optional(),
});

export function backendSignInTokensRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { now, requireUser } = backendLookups(deps);
  // Clerk's SignInToken: exactly these fields (its schema allows no others).
  const json = (token: StoredSignInToken) => ({
    object: 'sign_in_token',
    id: token.id,
    user_id: token.userId,
    token: signInTokenTicketOf(deps, token),
    status: token.status,
    url: signInTokenUrl(deps, token),
    created_at: token.createdAt,
    updated_at: token.updatedAt,
  });
  const router = Router();

  router.post('/sign_in_tokens', (req, res) => {
    const body = CreateSchema.parse(req.body ?? {});
    const user = requireUser(body.user_id);
    const expiresInSeconds = body.expires_in_seconds ?? SIGN_IN_TOKEN_LIFETIME_SECONDS;
    const token = createSignInToken(store, user, { expiresInSeconds, organizationId: body.org_id ?? null }, now());
    sendClerkJson(res, 200, json(token));
  });

  router.post('/sign_in_tokens/:id/revoke', (req, res) => {
    const token = store.signInTokenById(req.params.id);
    if (!token) throw notFound('Sign-in token');
    revokeSignInToken(store, token, now());
    sendClerkJson(res, 200, json(token));
  });

  return router;
}
