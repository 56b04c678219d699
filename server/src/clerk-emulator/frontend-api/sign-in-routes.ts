import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { SignInAttempt } from './attempts.ts';
import { signInJson } from './attempt-json.ts';
import { callerClient, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { completeSignIn, identify, newSignInAttempt, requireIdentifiedUser, requireSignInAttempt, type SignInContext } from './sign-in-attempt.ts';
import { attemptFirstFactor, attemptPassword, prepareFirstFactor, resetPassword } from './sign-in-first-factor.ts';
import { preparePasskeyFactor } from './sign-in-passkey.ts';
import { attemptSecondFactor } from './sign-in-second-factor.ts';
import { signInWithTicket } from './sign-in-tickets.ts';

/**
 * `/v1/client/sign_ins`: email address first, then the password, an email
 * code or a passkey, or "Forgot password?" (sign-in-first-factor.ts); or a
 * ticket from a link (sign-in-tickets.ts); or a passkey with `strategy=passkey`
 * and no identifier (sign-in-passkey.ts). A complete attempt starts a session
 * on the caller's client; a user with two-step verification gives a second
 * factor first (sign-in-second-factor.ts).
 */
const CreateSignIn = z.object({
  identifier: z.string().trim().toLowerCase().optional(),
  strategy: z.string().optional(),
  password: z.string().optional(),
  ticket: z.string().optional(),
});

export function signInRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();
  const contextOf = (res: Response): SignInContext => ({ deps, client: callerClient(res), now });
  const respond = (req: Request, res: Response, attempt: SignInAttempt) => sendWithClient(req, res, deps, (ctx) => signInJson(attempt, ctx));

  router.post('/', async (req, res) => {
    const body = CreateSignIn.parse(req.body ?? {});
    const context = contextOf(res);
    const attempt = newSignInAttempt(now());
    if (body.strategy === 'ticket') signInWithTicket(context, attempt, body.ticket);
    else if (body.strategy === 'passkey') {
      // "Use passkey" and autofill: whichever passkey of this host answers names the account.
      attempt.status = 'needs_first_factor';
      attempt.firstFactor = await preparePasskeyFactor(req, deps, undefined, now());
    } else if (body.identifier) identify(context, attempt, body.identifier);
    deps.attempts.setSignIn(context.client.id, attempt);
    if (body.strategy === 'password' && body.password !== undefined) await attemptPassword(context, attempt, body.password);
    respond(req, res, attempt);
  });

  router.get('/:id', (req, res) => respond(req, res, requireSignInAttempt(contextOf(res), req.params.id, true)));

  router.post('/:id/prepare_first_factor', async (req, res) => {
    const context = contextOf(res);
    const attempt = requireSignInAttempt(context, req.params.id);
    await prepareFirstFactor(req, context, attempt);
    respond(req, res, attempt);
  });

  router.post('/:id/attempt_first_factor', async (req, res) => {
    const context = contextOf(res);
    const attempt = requireSignInAttempt(context, req.params.id);
    await attemptFirstFactor(context, attempt, req.body);
    respond(req, res, attempt);
  });

  router.post('/:id/reset_password', async (req, res) => {
    const context = contextOf(res);
    const attempt = requireSignInAttempt(context, req.params.id);
    await resetPassword(context, attempt, req.body);
    respond(req, res, attempt);
  });

  router.post('/:id/attempt_second_factor', (req, res) => {
    const context = contextOf(res);
    const attempt = requireSignInAttempt(context, req.params.id);
    attemptSecondFactor(deps, attempt, requireIdentifiedUser(context, attempt), req.body, now());
    completeSignIn(context, attempt);
    respond(req, res, attempt);
  });

  return router;
}
