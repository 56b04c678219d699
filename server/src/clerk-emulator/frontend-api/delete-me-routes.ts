import { Router } from 'express';
import { deletedObjectJson, deleteUser } from '../store/deletions.ts';
import { callerClient, callerSession, sendWithClient, type FrontendDeps } from './fapi-context.ts';

/**
 * `DELETE /v1/me`: "Delete account" in `<UserProfile>`, on in the environment
 * (`actions.delete_self`). The user goes with their memberships and sessions,
 * in one change, so the webhooks tell it whole (session.removed for each
 * signed-in browser, organizationMembership.deleted, then user.deleted), and
 * every browser of theirs is signed out at its next call.
 */
export function deleteMeRouter(deps: FrontendDeps): Router {
  const router = Router();
  router.delete('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    deleteUser(deps.store, user.id);
    deps.attempts.clear(callerClient(res).id);
    sendWithClient(req, res, deps, () => deletedObjectJson('user', user.id));
  });
  return router;
}
