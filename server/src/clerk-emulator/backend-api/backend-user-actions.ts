import { Router } from 'express';
import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, containsControlCharacters } from '../http/control-characters.ts';
import { EmulatorError } from '../http/errors.ts';
import { sendClerkJson } from '../http/clerk-http.ts';
import { userJson } from '../http/clerk-json.ts';
import { buildUser } from '../store/accounts.ts';
import { hashPassword, verifyPassword } from '../store/passwords.ts';
import { revokeSessions } from '../store/sessions.ts';
import { claimVerifiedEmail } from '../store/verified-emails.ts';
import type { EmulatorDeps } from '../deps.ts';
import { backendLookups } from './backend-lookups.ts';

/**
 * What a server does to users beyond reading them: `createUser`, `banUser` /
 * `unbanUser`, `lockUser` / `unlockUser` and `verifyPassword`.
 */
const Metadata = z.record(z.string(), z.unknown());
const Name = z
  .string()
  .refine((name) => !containsControlCharacters(name), CONTROL_CHARACTERS_MESSAGE)
  .trim()
  .max(256)
  .optional();

/** The attributes this stand-in supports of Clerk's `POST /users`; anything else is refused, not ignored. */
const CreateUserSchema = z.strictObject({
  email_address: z.array(z.email()).min(1),
  password: z.string().min(8, 'Passwords must be 8 characters or more.').max(72, 'Passwords must be 72 characters or fewer.').optional(),
  first_name: Name,
  last_name: Name,
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
  unsafe_metadata: Metadata.optional(),
  // The emulator checks only a password's length, so skipping the checks changes nothing.
  skip_password_checks: z.boolean().optional(),
  // The environment requires a password; this creates a user without one (who signs in some other way).
  skip_password_requirement: z.boolean().optional(),
});

const VerifyPasswordSchema = z.strictObject({ password: z.string() });

export function backendUserActionsRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { now, context, requireUser } = backendLookups(deps);
  const router = Router();

  router.post('/users', async (req, res) => {
    const body = CreateUserSchema.parse(req.body ?? {});
    // One address per user here: the first is the primary, as Clerk makes it; more would need a second identification.
    if (body.email_address.length > 1) {
      throw new EmulatorError(422, 'form_param_unknown', 'Only one email address per user is emulated.', {
        email_address: ['Only one email address per user is emulated.'],
      });
    }
    if (body.password === undefined && !body.skip_password_requirement) {
      throw new EmulatorError(422, 'form_param_missing', 'Enter a password.', { password: ['Enter a password.'] });
    }
    const emailAddress = body.email_address[0]!;
    // Only a verified address is taken; unverified copies elsewhere go once this user has it.
    if (store.userByVerifiedEmail(emailAddress)) {
      throw new EmulatorError(422, 'form_identifier_exists', 'That email address is taken. Please try another.', {
        email_address: ['That email address is taken. Please try another.'],
      });
    }
    const user = buildUser({
      emailAddress,
      firstName: body.first_name || null,
      lastName: body.last_name || null,
      passwordHash: body.password === undefined ? null : await hashPassword(body.password),
      publicMetadata: body.public_metadata,
      privateMetadata: body.private_metadata,
      createdAt: now(),
    });
    user.unsafeMetadata = structuredClone(body.unsafe_metadata ?? {});
    store.update((data) => {
      data.users.push(user);
      claimVerifiedEmail(data, user, emailAddress, now());
    });
    sendClerkJson(res, 200, userJson(user, context()));
  });

  // A ban revokes every session of the user and refuses their sign-ins until unbanned, as Clerk's does.
  router.post('/users/:id/ban', (req, res) => {
    const user = requireUser(req.params.id);
    const at = now();
    store.update(() => Object.assign(user, { banned: true, updatedAt: at }));
    revokeSessions(
      store,
      store.data.sessions.filter((session) => session.userId === user.id),
      at,
    );
    sendClerkJson(res, 200, userJson(user, context()));
  });

  router.post('/users/:id/unban', (req, res) => {
    const user = requireUser(req.params.id);
    store.update(() => Object.assign(user, { banned: false, updatedAt: now() }));
    sendClerkJson(res, 200, userJson(user, context()));
  });

  // Locks live with the failed-attempt counts (in memory, see store/user-lockout.ts).
  router.post('/users/:id/lock', (req, res) => {
    const user = requireUser(req.params.id);
    deps.lockout?.lock(user.id, now());
    sendClerkJson(res, 200, userJson(user, context()));
  });

  router.post('/users/:id/unlock', (req, res) => {
    const user = requireUser(req.params.id);
    deps.lockout?.unlock(user.id);
    sendClerkJson(res, 200, userJson(user, context()));
  });

  // Clerk's answer to a wrong password is 422 `incorrect_password`, not `{ verified: false }`.
  router.post('/users/:id/verify_password', async (req, res) => {
    const user = requireUser(req.params.id);
    const { password } = VerifyPasswordSchema.parse(req.body ?? {});
    // A user without a password (removed in <UserProfile>) has none to match.
    if (user.passwordHash === null || !(await verifyPassword(password, user.passwordHash))) {
      throw new EmulatorError(422, 'incorrect_password', 'Password is incorrect. Try again, or use another method.');
    }
    sendClerkJson(res, 200, { verified: true });
  });

  return router;
}
