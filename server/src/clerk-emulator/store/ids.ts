import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 27;
// 248 = 62 * 4: bytes at or above it are dropped so every character is equally likely.
const UNBIASED_LIMIT = 248;

export type IdPrefix = 'user' | 'sess' | 'client' | 'org' | 'orgmem' | 'idn' | 'orginv' | 'inv' | 'totp' | 'bcode' | 'sit' | 'wle' | 'pkey';

/** A Clerk-style identifier, e.g. `user_2f9Qx…`: a type prefix and 27 random base62 characters. */
export function newId(prefix: IdPrefix): string {
  let body = '';
  // Each round keeps about 97% of 32 bytes, so two rounds almost always suffice; the bound only guards the loop.
  for (let round = 0; round < 100 && body.length < ID_LENGTH; round++) {
    for (const byte of randomBytes(32)) {
      if (byte < UNBIASED_LIMIT && body.length < ID_LENGTH) body += BASE62.charAt(byte % 62);
    }
  }
  return `${prefix}_${body}`;
}

/** An opaque client token for the browser: 32 random bytes, base64url. */
export function newClientToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a leaked store file does not leak live browser credentials. */
export function hashClientToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
