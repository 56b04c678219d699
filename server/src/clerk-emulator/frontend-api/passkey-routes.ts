import { Router, type Request } from 'express';
import { z } from 'zod';
import { passkeyJson } from '../http/clerk-json.ts';
import { EmulatorError } from '../http/errors.ts';
import {
  newPasskeyId,
  PASSKEY_CEREMONY_MS,
  passkeysOf,
  registerPasskey,
  registrationOptions,
  removePasskey,
  renamePasskey,
  type PasskeyCeremony,
} from '../store/passkeys.ts';
import type { StoredUser } from '../store/store.ts';
import { askingOrigin, callerClient, callerSession, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { parseUserAgent } from './session-activity.ts';

/**
 * `/v1/me/passkeys`: `<UserProfile>` → Security → Passkeys. `POST` answers an
 * unverified passkey whose verification `nonce` is the creation options
 * (clerk-js passes them to `navigator.credentials.create`); `attempt_verification`
 * takes the credential and stores the passkey. Rename and remove as Clerk's.
 * Registrations in progress live in memory: a restart only means adding it again.
 */
const AttemptVerification = z.object({ strategy: z.literal('passkey').optional(), public_key_credential: z.string().optional() });
const Rename = z.object({ name: z.string().trim().min(1).max(256) });

interface PendingRegistration {
  id: string;
  userId: string;
  name: string;
  ceremony: PasskeyCeremony;
  options: string;
  createdAt: number;
}

/** The page a ceremony is for: its origin, and its host as the relying party (`localhost` in development). */
export function passkeyPage(req: Request, deps: FrontendDeps): { origin: string; rpId: string } {
  const origin = askingOrigin(req, deps.authorizedParties);
  if (!origin) throw new EmulatorError(403, 'origin_invalid', 'Passkeys work only from the application’s own pages.');
  return { origin, rpId: new URL(origin).hostname };
}

function pendingJson(pending: PendingRegistration) {
  return {
    object: 'passkey',
    id: pending.id,
    name: pending.name,
    last_used_at: null,
    verification: {
      object: 'verification_passkey',
      status: 'unverified',
      strategy: 'passkey',
      attempts: 0,
      expire_at: pending.ceremony.expireAt,
      nonce: pending.options,
    },
    created_at: pending.createdAt,
    updated_at: pending.createdAt,
  };
}

export function passkeyRouter(deps: FrontendDeps, applicationName: string, offered: boolean): Router {
  const router = Router();
  router.use('/passkeys', (_req, _res, next) => {
    if (!offered) throw new EmulatorError(403, 'feature_not_enabled', 'Passkeys are turned off for this instance.');
    next();
  });
  const now = () => (deps.now ?? Date.now)();
  const pending = new Map<string, PendingRegistration>();

  const ownPending = (user: StoredUser, id: string) => {
    const registration = pending.get(id);
    if (registration && registration.ceremony.expireAt <= now()) pending.delete(id);
    return registration?.userId === user.id && registration.ceremony.expireAt > now() ? registration : undefined;
  };
  const ownPasskey = (user: StoredUser, id: string) => passkeysOf(user).find((passkey) => passkey.id === id);
  const notFound = () => new EmulatorError(404, 'resource_not_found', 'No such passkey on your account.');

  router.post('/passkeys', async (req, res) => {
    const { user } = callerSession(req, res, deps);
    const { origin, rpId } = passkeyPage(req, deps);
    const options = await registrationOptions(user, rpId, applicationName);
    const createdAt = now();
    // Named after the browser that made it, as the user sees it in the list; renaming is one click away.
    const { browserName } = parseUserAgent(callerClient(res).userAgent);
    for (const [id, old] of pending) if (old.ceremony.expireAt <= createdAt) pending.delete(id);
    const registration: PendingRegistration = {
      id: newPasskeyId(),
      userId: user.id,
      name: browserName === 'Unknown browser' ? 'Passkey' : `${browserName} passkey`,
      ceremony: { challenge: options.challenge, origin, rpId, expireAt: createdAt + PASSKEY_CEREMONY_MS },
      options: JSON.stringify(options),
      createdAt,
    };
    pending.set(registration.id, registration);
    sendWithClient(req, res, deps, () => pendingJson(registration));
  });

  router.post('/passkeys/:id/attempt_verification', async (req, res) => {
    const { user } = callerSession(req, res, deps);
    const body = AttemptVerification.parse(req.body ?? {});
    const registration = ownPending(user, req.params.id);
    if (!registration) throw notFound();
    const passkey = await registerPasskey(deps.store, user, registration.ceremony, body.public_key_credential, {
      id: registration.id,
      name: registration.name,
      now: now(),
    });
    pending.delete(registration.id);
    sendWithClient(req, res, deps, () => passkeyJson(passkey));
  });

  router.get('/passkeys/:id', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const passkey = ownPasskey(user, req.params.id);
    const registration = passkey ? undefined : ownPending(user, req.params.id);
    if (!passkey && !registration) throw notFound();
    sendWithClient(req, res, deps, () => (passkey ? passkeyJson(passkey) : pendingJson(registration!)));
  });

  router.patch('/passkeys/:id', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const passkey = ownPasskey(user, req.params.id);
    if (!passkey) throw notFound();
    const parsed = Rename.safeParse(req.body ?? {});
    if (!parsed.success) throw formError('form_param_format_invalid', 'Enter a name of 1 to 256 characters.', 'name');
    renamePasskey(deps.store, passkey, parsed.data.name, now());
    sendWithClient(req, res, deps, () => passkeyJson(passkey));
  });

  // Removing a passkey; clerk-js also removes a registration the browser did not finish.
  router.delete('/passkeys/:id', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const { id } = req.params;
    if (ownPasskey(user, id)) removePasskey(deps.store, user, id, now());
    else if (!pending.delete(ownPending(user, id)?.id ?? '')) throw notFound();
    sendWithClient(req, res, deps, () => ({ object: 'passkey', id, deleted: true }));
  });

  return router;
}
