import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { emailAddressJson } from '../http/clerk-json.ts';
import { EmulatorError } from '../http/errors.ts';
import { checkCode, pendingCodeFor } from '../mail/codes.ts';
import { verificationCodeEmail } from '../mail/inbox.ts';
import { newId } from '../store/ids.ts';
import type { StoredUser } from '../store/store.ts';
import { claimVerifiedEmail } from '../store/verified-emails.ts';
import { callerSession, formError, frontendContext, sendWithClient, type FrontendDeps } from './fapi-context.ts';

/**
 * `/v1/me/email_addresses`: `<UserProfile>` adds an address (unverified), has
 * a code sent to it (the inbox page), verifies it with the code, and removes
 * it. Making one primary is `PATCH /v1/me` (me-routes.ts). Each change is the
 * user's, so it sends `user.updated`; sending a code changes no user and sends
 * nothing. Only a verified address is taken: an address another account added
 * and never verified can be added here too, and verifying it here removes
 * that unverified copy (store/verified-emails.ts).
 */
type StoredEmailAddress = StoredUser['emailAddresses'][number];

const AddEmail = z.object({ email_address: z.string().trim().toLowerCase() });
const PrepareVerification = z.object({ strategy: z.literal('email_code') });
const AttemptVerification = z.object({ code: z.string() });

const taken = () => formError('form_identifier_exists', 'That email address is taken. Please try another.', 'email_address');

export function meEmailRouter(deps: FrontendDeps): Router {
  const router = Router();
  const { store } = deps;
  const now = () => (deps.now ?? Date.now)();
  const respond = (req: Request, res: Response, user: StoredUser, address: StoredEmailAddress) =>
    sendWithClient(req, res, deps, (ctx) => emailAddressJson(address, user.updatedAt, ctx));

  // A bare array, as Clerk's spec has it (clerk-js reads the addresses from the user instead).
  router.get('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const ctx = frontendContext(req, res, deps);
    res.json(user.emailAddresses.map((address) => emailAddressJson(address, user.updatedAt, ctx)));
  });

  router.post('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const { email_address: emailAddress } = AddEmail.parse(req.body ?? {});
    if (!z.email().safeParse(emailAddress).success) throw formError('form_param_format_invalid', 'Enter a valid email address.', 'email_address');
    if (user.emailAddresses.some((candidate) => candidate.emailAddress === emailAddress)) throw taken();
    assertNotVerifiedElsewhere(user, emailAddress);
    const address: StoredEmailAddress = { id: newId('idn'), emailAddress, createdAt: now(), verifiedBy: null };
    store.update(() => {
      user.emailAddresses.push(address);
      user.updatedAt = now();
    });
    respond(req, res, user, address);
  });

  router.get('/:id', (req, res) => {
    const { user, address } = ownAddress(req, res);
    respond(req, res, user, address);
  });

  // Sent again on "Resend": a new code replaces the old one, with its tries reset.
  router.post('/:id/prepare_verification', (req, res) => {
    const { user, address } = ownAddress(req, res);
    PrepareVerification.parse(req.body ?? {});
    if (address.verifiedBy !== null) throw new EmulatorError(400, 'verification_already_verified', 'This email address is already verified.');
    const pending = pendingCodeFor(address.emailAddress, now());
    store.update((data) => {
      data.emailCodes = data.emailCodes.filter((code) => code.emailAddressId !== address.id);
      data.emailCodes.push({ emailAddressId: address.id, userId: user.id, ...pending });
    });
    deps.inbox.send(verificationCodeEmail(address.emailAddress, pending.code), now());
    respond(req, res, user, address);
  });

  router.post('/:id/attempt_verification', (req, res) => {
    const { user, address } = ownAddress(req, res);
    const { code } = AttemptVerification.parse(req.body ?? {});
    const pending = store.emailCode(address.id);
    if (address.verifiedBy !== null) throw new EmulatorError(400, 'verification_already_verified', 'This email address is already verified.');
    if (!pending) throw new EmulatorError(400, 'verification_not_sent', 'Send the code first.');
    // Someone else may have verified this address since it was added here.
    assertNotVerifiedElsewhere(user, address.emailAddress);
    // A wrong try is counted and persisted before the refusal goes out.
    const refusal = store.update((data): EmulatorError | null => {
      try {
        checkCode(pending, code, now());
      } catch (error) {
        if (error instanceof EmulatorError) return error;
        throw error;
      }
      data.emailCodes = data.emailCodes.filter((candidate) => candidate !== pending);
      address.verifiedBy = 'email_code';
      user.updatedAt = now();
      claimVerifiedEmail(data, user, address.emailAddress, now());
      return null;
    });
    if (refusal) throw refusal;
    respond(req, res, user, address);
  });

  router.delete('/:id', (req, res) => {
    const { user, address } = ownAddress(req, res);
    if (address.id === user.primaryEmailAddressId) {
      throw new EmulatorError(400, 'primary_identification_cannot_be_deleted', 'Make another address primary before removing this one.');
    }
    store.update((data) => {
      user.emailAddresses = user.emailAddresses.filter((candidate) => candidate.id !== address.id);
      data.emailCodes = data.emailCodes.filter((code) => code.emailAddressId !== address.id);
      user.updatedAt = now();
    });
    sendWithClient(req, res, deps, () => ({ object: 'email_address', id: address.id, deleted: true }));
  });

  /** Taken: verified on another account (an unverified copy there does not count). */
  function assertNotVerifiedElsewhere(user: StoredUser, emailAddress: string): void {
    const owner = store.userByVerifiedEmail(emailAddress);
    if (owner && owner.id !== user.id) throw taken();
  }

  function ownAddress(req: Request, res: Response): { user: StoredUser; address: StoredEmailAddress } {
    const { user } = callerSession(req, res, deps);
    const address = user.emailAddresses.find((candidate) => candidate.id === req.params.id);
    if (!address) throw new EmulatorError(404, 'resource_not_found', 'No such email address on your account.');
    return { user, address };
  }

  return router;
}
