import { Router } from 'express';
import { z } from 'zod';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import { sessionJson } from '../http/clerk-json.ts';
import { revokeSessions, sessionStatus } from '../store/sessions.ts';
import type { EmulatorDeps } from '../deps.ts';
import { PageQuerySchema, arrayOrPage, page } from './list-query.ts';
import { backendLookups } from './backend-lookups.ts';

/**
 * `clerkClient.sessions`: one session, the list (by user, client and status,
 * newest first; a bare array as Clerk's spec answers, a page with `paginated=true`)
 * and revoking one, which signs its browser out at its next call.
 */
const SessionListSchema = PageQuerySchema.extend({
  user_id: z.string().optional(),
  client_id: z.string().optional(),
  status: z.enum(['active', 'ended', 'expired', 'revoked', 'removed', 'abandoned', 'replaced', 'pending']).optional(),
});

export function backendSessionsRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { context } = backendLookups(deps);
  const router = Router();

  router.get('/sessions', (req, res) => {
    const query = SessionListSchema.parse(req.query);
    const ctx = context();
    const matching = store.data.sessions
      .filter(
        (session) =>
          (!query.user_id || session.userId === query.user_id) &&
          (!query.client_id || session.clientId === query.client_id) &&
          (!query.status || sessionStatus(session, ctx.now) === query.status),
      )
      .sort((a, b) => b.createdAt - a.createdAt);
    const items = page(matching, query).map((session) => sessionJson(session, ctx));
    sendClerkJson(res, 200, arrayOrPage(req.query, items, matching.length));
  });

  router.get('/sessions/:id', (req, res) => {
    const session = store.sessionById(req.params.id);
    if (!session) throw notFound('Session');
    sendClerkJson(res, 200, sessionJson(session, context()));
  });

  router.post('/sessions/:id/revoke', (req, res) => {
    const session = store.sessionById(req.params.id);
    if (!session) throw notFound('Session');
    const ctx = context();
    revokeSessions(store, [session], ctx.now);
    sendClerkJson(res, 200, sessionJson(session, ctx));
  });

  return router;
}
