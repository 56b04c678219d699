import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';
import { newId } from './ids.ts';
import type { EmulatorStore, StoredPasskey, StoredUser } from './store.ts';

/**
 * Passkeys (WebAuthn) as Clerk's Frontend API keeps them: the options are
 * made, and every registration and assertion verified, by @simplewebauthn/server;
 * here is only what the emulator stores and looks up. The relying party is the
 * asking page's host and origin (frontend-api/passkey-routes.ts), user
 * verification is required, and the credential must be discoverable, so
 * `<SignIn>`'s "Use passkey" needs no identifier.
 */
export const PASSKEY_CEREMONY_MS = 5 * 60 * 1000;

/** The page a ceremony runs for: the challenge it must sign, on the origin and host it was made for. */
export interface PasskeyCeremony {
  challenge: string;
  origin: string;
  rpId: string;
  expireAt: number;
}

const FAILED = 'Passkey verification failed. Try again.';
export const passkeyRefused = (message = FAILED) =>
  new EmulatorError(422, 'passkey_verification_failed', message, { public_key_credential: [message] });

// clerk-js sends the credential as base64url JSON (its `rG`/`rH`): no client extension results, which the library requires.
const CredentialBase = z.object({
  id: z.string(),
  rawId: z.string(),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullish(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});
const RegistrationCredential = CredentialBase.extend({
  response: z.object({ clientDataJSON: z.string(), attestationObject: z.string(), transports: z.array(z.string()).optional() }),
});
const AssertionCredential = CredentialBase.extend({
  response: z.object({ clientDataJSON: z.string(), authenticatorData: z.string(), signature: z.string(), userHandle: z.string().nullish() }),
});

function parseCredential<T extends z.ZodType>(schema: T, json: string | undefined): z.infer<T> {
  if (!json) throw passkeyRefused('Send the passkey (public_key_credential).');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw passkeyRefused();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw passkeyRefused();
  return parsed.data;
}

export function passkeysOf(user: StoredUser): StoredPasskey[] {
  return user.passkeys ?? [];
}

/** The user whose passkey this credential is, wherever it was registered. */
export function passkeyOwner(store: EmulatorStore, credentialId: string): { user: StoredUser; passkey: StoredPasskey } | undefined {
  for (const user of store.data.users) {
    const passkey = passkeysOf(user).find((candidate) => candidate.credentialId === credentialId);
    if (passkey) return { user, passkey };
  }
  return undefined;
}

/** `navigator.credentials.create` options; the user handle is the user id, so an assertion names its user. */
export function registrationOptions(user: StoredUser, rpId: string, rpName: string) {
  const email = user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId)?.emailAddress ?? user.id;
  return generateRegistrationOptions({
    rpName,
    rpID: rpId,
    userName: email,
    userID: new TextEncoder().encode(user.id),
    userDisplayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || email,
    timeout: PASSKEY_CEREMONY_MS,
    attestationType: 'none',
    excludeCredentials: passkeysOf(user)
      .filter((passkey) => passkey.rpId === rpId)
      .map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    // ES256, EdDSA and RS256: what platform authenticators and security keys make.
    supportedAlgorithmIDs: [-7, -8, -257],
  });
}

/** Verifies `navigator.credentials.create`'s answer and stores the passkey; a credential already registered is refused. */
export async function registerPasskey(
  store: EmulatorStore,
  user: StoredUser,
  ceremony: PasskeyCeremony,
  credentialJson: string | undefined,
  details: { id: string; name: string; now: number },
): Promise<StoredPasskey> {
  const response = parseCredential(RegistrationCredential, credentialJson) as RegistrationResponseJSON;
  if (ceremony.expireAt <= details.now) throw new EmulatorError(422, 'verification_expired', 'This passkey registration expired. Start again.');
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: ceremony.challenge,
    expectedOrigin: ceremony.origin,
    expectedRPID: ceremony.rpId,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw passkeyRefused();
  const { credential } = verification.registrationInfo;
  if (passkeyOwner(store, credential.id)) throw new EmulatorError(422, 'passkey_already_exists', 'This passkey is already registered.');
  const passkey: StoredPasskey = {
    id: details.id,
    name: details.name,
    credentialId: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    rpId: ceremony.rpId,
    lastUsedAt: null,
    createdAt: details.now,
    updatedAt: details.now,
  };
  store.update(() => {
    user.passkeys = [...passkeysOf(user), passkey];
    user.updatedAt = details.now;
  });
  return passkey;
}

/** `navigator.credentials.get` options: any discoverable credential for this host, or only the given user's. */
export function authenticationOptions(rpId: string, user?: StoredUser) {
  return generateAuthenticationOptions({
    rpID: rpId,
    timeout: PASSKEY_CEREMONY_MS,
    userVerification: 'required',
    allowCredentials: user
      ? passkeysOf(user)
          .filter((passkey) => passkey.rpId === rpId)
          .map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] }))
      : [],
  });
}

/**
 * Verifies an assertion against the stored public key and counter; answers its user, with the passkey's
 * `last_used_at` and counter moved on. A credential no one has (removed, or never registered), one of
 * another user than `expectedUserId`, or a bad signature is refused alike.
 */
export async function verifyPasskeyAssertion(
  store: EmulatorStore,
  ceremony: PasskeyCeremony,
  credentialJson: string | undefined,
  options: { expectedUserId: string | null; now: number },
): Promise<StoredUser> {
  const response = parseCredential(AssertionCredential, credentialJson) as AuthenticationResponseJSON;
  if (ceremony.expireAt <= options.now) throw new EmulatorError(422, 'verification_expired', 'This passkey request expired. Try again.');
  const owner = passkeyOwner(store, response.id);
  if (!owner || owner.passkey.rpId !== ceremony.rpId) throw passkeyRefused('This passkey is not registered here.');
  if (options.expectedUserId !== null && owner.user.id !== options.expectedUserId) throw passkeyRefused('This passkey belongs to another account.');
  const { user, passkey } = owner;
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: ceremony.challenge,
    expectedOrigin: ceremony.origin,
    expectedRPID: ceremony.rpId,
    credential: {
      id: passkey.credentialId,
      publicKey: isoBase64URL.toBuffer(passkey.publicKey),
      counter: passkey.counter,
      transports: passkey.transports,
    },
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw passkeyRefused();
  store.update(() => Object.assign(passkey, { counter: verification.authenticationInfo.newCounter, lastUsedAt: options.now }));
  return user;
}

export function renamePasskey(store: EmulatorStore, passkey: StoredPasskey, name: string, now: number): void {
  store.update(() => Object.assign(passkey, { name, updatedAt: now }));
}

export function removePasskey(store: EmulatorStore, user: StoredUser, passkeyId: string, now: number): void {
  store.update(() => {
    user.passkeys = passkeysOf(user).filter((passkey) => passkey.id !== passkeyId);
    user.updatedAt = now;
  });
}

export const newPasskeyId = () => newId('pkey');
