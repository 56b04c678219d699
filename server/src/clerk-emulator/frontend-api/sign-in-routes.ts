import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { EmulatorError } from '../http/errors.ts';
import { verifyPassword } from '../store/passwords.ts';
import { startSessionOnClient } from '../store/sessions.ts';
import { ATTEMPT_LIFETIME_MS, newAttemptId, type SignInAttempt } from './attempts.ts';
import { signInJson } from './attempt-json.ts';
import { attemptSecondFactor, holdForSecondFactor } from './sign-in-second-factor.ts';
import { callerClient, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';

/**
 * `/v1/client/sign_ins`: email address first, then the password or an email
 * code. A complete attempt starts a session on the caller's client.
 */
const CreateSignIn = z.object({
  identifier: z.string().trim().toLowerCase().optional(),
  strategy: z.string().optional(),
  password: z.string().optional(),
});

const AttemptFactor = z.object({
  strategy: z.enum(['password', 'email_code']),
  password: z.string().optional(),
  code: z.string().optional(),
});

const NOT_FOUND = "Couldn't find your account.";
const WRONG_PASSWORD = 'Password is incorrect. Try again, or use another method.';
const WRONG_CODE = 'Incorrect code';

export function signInRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();
  const respond = (req: Request, res: Response, attempt: SignInAttempt) => sendWithClient(req, res, deps, (ctx) => signInJson(attempt, ctx));

  router.post('/', async (req, res) => {
    const body = CreateSignIn.parse(req.body ?? {});
    const client = callerClient(res);
    const attempt: SignInAttempt = {
      id: newAttemptId('sia'),
      status: 'needs_identifier',
      identifier: null,
      userId: null,
      firstFactor: null,
      createdSessionId: null,
      abandonAt: now() + ATTEMPT_LIFETIME_MS,
    };
    if (body.identifier) identify(attempt, body.identifier);
    deps.attempts.setSignIn(client.id, attempt);
    if (body.strategy === 'password' && body.password !== undefined) await attemptPassword(attempt, body.password, res);
    respond(req, res, attempt);
  });

  router.get('/:id', (req, res) => respond(req, res, requireAttempt(req, res, true)));

  router.post('/:id/prepare_first_factor', (req, res) => {
    const attempt = requireAttempt(req, res);
    const strategy = z.object({ strategy: z.literal('email_code') }).parse(req.body ?? {}).strategy;
    attempt.firstFactor = { strategy, status: 'unverified', attempts: 0, expireAt: now() + 10 * 60_000 };
    deps.logger?.info(
      { identifier: attempt.identifier, code: LOCAL_VERIFICATION_CODE },
      `sign-in code for ${attempt.identifier}: ${LOCAL_VERIFICATION_CODE}`,
    );
    respond(req, res, attempt);
  });

  router.post('/:id/attempt_first_factor', async (req, res) => {
    const attempt = requireAttempt(req, res);
    const body = AttemptFactor.parse(req.body ?? {});
    if (body.strategy === 'password') await attemptPassword(attempt, body.password ?? '', res);
    else attemptEmailCode(attempt, body.code ?? '', res);
    respond(req, res, attempt);
  });

  function identify(attempt: SignInAttempt, identifier: string): void {
    const user = deps.store.userByEmail(identifier);
    if (!user) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
    Object.assign(attempt, { identifier, userId: user.id, status: 'needs_first_factor' });
  }

  async function attemptPassword(attempt: SignInAttempt, password: string, res: Response): Promise<void> {
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.assertUnlocked(user.id, now());
    attempt.firstFactor = { strategy: 'password', status: 'unverified', attempts: (attempt.firstFactor?.attempts ?? 0) + 1, expireAt: null };
    if (!(await verifyPassword(password, user.passwordHash))) {
      deps.lockout?.recordFailure(user.id, now());
      throw formError('form_password_incorrect', WRONG_PASSWORD, 'password');
    }
    complete(attempt, res);
  }

  function attemptEmailCode(attempt: SignInAttempt, code: string, res: Response): void {
    if (attempt.firstFactor?.strategy !== 'email_code') {
      throw new EmulatorError(400, 'verification_not_sent', 'Send the code first.');
    }
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.assertUnlocked(user.id, now());
    attempt.firstFactor.attempts += 1;
    if (code !== LOCAL_VERIFICATION_CODE) {
      deps.lockout?.recordFailure(user.id, now());
      throw formError('form_code_incorrect', WRONG_CODE, 'code');
    }
    complete(attempt, res);
  }

  router.post('/:id/attempt_second_factor', (req, res) => {
    const attempt = requireAttempt(req, res);
    attemptSecondFactor(deps, attempt, requireIdentifiedUser(attempt), req.body, now());
    complete(attempt, res);
    respond(req, res, attempt);
  });

  function complete(attempt: SignInAttempt, res: Response): void {
    const user = requireIdentifiedUser(attempt);
    deps.lockout?.recordSuccess(user.id);
    if (holdForSecondFactor(attempt, user)) return;
    const session = startSessionOnClient(deps.store, callerClient(res), user, now());
    Object.assign(attempt, { status: 'complete', createdSessionId: session.id });
    attempt.firstFactor = { ...attempt.firstFactor!, status: 'verified' };
  }

  function requireIdentifiedUser(attempt: SignInAttempt) {
    const user = attempt.userId ? deps.store.userById(attempt.userId) : undefined;
    if (!user) throw formError('form_identifier_not_found', NOT_FOUND, 'identifier');
    return user;
  }

  function requireAttempt(req: Request, res: Response, allowComplete = false): SignInAttempt {
    const attempt = deps.attempts.of(callerClient(res).id).signIn;
    if (!attempt || attempt.id !== req.params.id) throw new EmulatorError(404, 'resource_not_found', 'No such sign-in attempt on this client.');
    if (attempt.status === 'complete' && !allowComplete) throw new EmulatorError(400, 'sign_in_complete', 'This sign-in is already complete.');
    return attempt;
  }

  return router;
}
