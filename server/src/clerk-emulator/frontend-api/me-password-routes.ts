import { Router } from 'express';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../store/passwords.ts';
import { endOtherSessionsOfUser } from '../store/sessions.ts';
import type { StoredUser } from '../store/store.ts';
import { callerSession, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { fapiUser } from './fapi-json.ts';
import { assertPasswordAllowed } from './password-rules.ts';

/**
 * `/v1/me/change_password` and `/v1/me/remove_password`, as `<UserProfile>`'s
 * security page calls them (clerk-js `user.updatePassword`, `removePassword`).
 * The current password is asked whenever the user has one: this instance has
 * reverification off, so clerk-js sends it. Each answers the user.
 */
const Flag = z.enum(['true', 'false']).optional();
const ChangePassword = z.object({ current_password: z.string().optional(), new_password: z.string(), sign_out_of_other_sessions: Flag });
const RemovePassword = z.object({ current_password: z.string().optional() });

const WRONG_CURRENT = 'Password is incorrect. Try again, or use another method.';

export function mePasswordRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();

  router.post('/change_password', async (req, res) => {
    const { session, user } = callerSession(req, res, deps);
    const body = ChangePassword.parse(req.body ?? {});
    await assertCurrentPassword(user, body.current_password);
    assertPasswordAllowed(body.new_password, 'new_password');
    const passwordHash = await hashPassword(body.new_password);
    deps.store.update(() => Object.assign(user, { passwordHash, passwordUpdatedAt: now(), updatedAt: now() }));
    if (body.sign_out_of_other_sessions === 'true') endOtherSessionsOfUser(deps.store, user.id, session.id, now());
    sendWithClient(req, res, deps, (ctx) => fapiUser(user, ctx));
  });

  router.post('/remove_password', async (req, res) => {
    const { user } = callerSession(req, res, deps);
    const body = RemovePassword.parse(req.body ?? {});
    if (user.passwordHash === null) throw formError('form_param_missing', 'This account has no password to remove.', 'current_password');
    await assertCurrentPassword(user, body.current_password);
    deps.store.update(() => Object.assign(user, { passwordHash: null, passwordUpdatedAt: now(), updatedAt: now() }));
    sendWithClient(req, res, deps, (ctx) => fapiUser(user, ctx));
  });

  /** A user with a password proves it before changing or removing it; one without sets a first one freely. */
  async function assertCurrentPassword(user: StoredUser, given: string | undefined): Promise<void> {
    if (user.passwordHash === null) return;
    if (given === undefined || given === '') throw formError('form_param_missing', 'Enter your current password.', 'current_password');
    if (!(await verifyPassword(given, user.passwordHash))) throw formError('form_password_incorrect', WRONG_CURRENT, 'current_password');
  }

  return router;
}
