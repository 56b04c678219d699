// zod/mini: the local Clerk instance loads on every page in local mode.
import { z } from 'zod/mini';

/** The claims of a session token the local Clerk instance relies on; the rest pass through. */
const SessionTokenClaimsSchema = z.looseObject({
  exp: z.number(),
  iat: z.number(),
  sid: z.string(),
  sub: z.string(),
  fva: z.optional(z.tuple([z.number(), z.number()])),
});
export type SessionTokenClaims = z.infer<typeof SessionTokenClaimsSchema>;

/**
 * Reads a JWT's payload without verifying it. The browser never needs to: the
 * token came from the identity server over its own connection, and the API
 * verifies every token it receives.
 */
export function decodeJwtClaims(jwt: string): SessionTokenClaims {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('A session token must have three parts.');
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const json = new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  return SessionTokenClaimsSchema.parse(JSON.parse(json));
}

/** A token as Clerk's `session.lastActiveToken` exposes it. */
export interface LocalTokenResource {
  jwt: { claims: SessionTokenClaims; encoded: { header: string; payload: string; signature: string } };
  getRawString(): string;
}

export function toTokenResource(raw: string): LocalTokenResource {
  const [header = '', payload = '', signature = ''] = raw.split('.');
  return { jwt: { claims: decodeJwtClaims(raw), encoded: { header, payload, signature } }, getRawString: () => raw };
}
