import { createPrivateKey, sign, randomBytes, type KeyObject } from 'node:crypto';
import { buildSessionClaims, type SessionTokenInput } from '#shared/session-token';
import type { LocalKeys } from '../../common/local-keys.ts';

/**
 * Signing Clerk's session tokens. What they claim is built in
 * shared/session-token.ts, the one builder the API's and the SPA's tests use too.
 */

/** A token's `jti`: 20 random hex characters. */
export function newTokenId(): string {
  return randomBytes(10).toString('hex');
}

const keyCache = new WeakMap<LocalKeys, KeyObject>();

/** Signs any claims as an RS256 JWT with the local key, `kid` in the header. */
export function signJwt(claims: object, keys: LocalKeys, header: Record<string, unknown> = {}): string {
  let key = keyCache.get(keys);
  if (!key) {
    key = createPrivateKey(keys.privateKeyPem);
    keyCache.set(keys, key);
  }
  const encodedHeader = base64url({ alg: 'RS256', typ: 'JWT', kid: keys.kid, ...header });
  const encodedPayload = base64url(claims);
  const signingInput = `${encodedHeader}.${encodedPayload}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}

/** A signed session token with a fresh `jti`. */
export function mintSessionToken(input: Omit<SessionTokenInput, 'jti'>, keys: LocalKeys): string {
  return signJwt(buildSessionClaims({ ...input, jti: newTokenId() }), keys);
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
