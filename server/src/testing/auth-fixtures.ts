import { generateKeys, publishableKeyFor, type LocalKeys } from '../common/local-keys.ts';
import { buildSessionClaims, type SessionTokenClaims, type SessionTokenInput } from '#shared/session-token';
import { newTokenId, signJwt } from '../clerk-emulator/tokens/session-token.ts';
import type { ClerkOptions } from '../auth/clerk-options.ts';

export const SPA_ORIGIN = 'http://localhost:5173';
/** Only encoded into the publishable key; nothing listens there during the tests. */
export const FRONTEND_API_URL = 'http://127.0.0.1:3100';

export const TEST_USER = { userId: 'user_test_ada', sessionId: 'sess_test_ada' } as const;

/**
 * Real keys and real Clerk session tokens for the API tests: the same signing
 * code the Clerk emulator uses, verified by the real `clerkMiddleware`.
 */
export interface AuthFixtures {
  keys: LocalKeys;
  /** The API's Clerk options in local-mode shape; `apiUrl` points at a fake Backend API when given. */
  clerkOptions(overrides?: Partial<ClerkOptions>): ClerkOptions;
  claims(input?: Partial<SessionTokenInput>): SessionTokenClaims;
  /** A valid session token for TEST_USER unless `input` says otherwise. */
  token(input?: Partial<SessionTokenInput>): string;
  /** Any claims and header, signed with `keys` (or other keys): for crafted bad tokens. */
  sign(claims: object, options?: { keys?: LocalKeys; header?: Record<string, unknown> }): string;
}

export function createAuthFixtures(): AuthFixtures {
  const keys = generateKeys();
  const claims = (input: Partial<SessionTokenInput> = {}) =>
    buildSessionClaims({
      ...TEST_USER,
      jti: newTokenId(),
      azp: SPA_ORIGIN,
      issuer: FRONTEND_API_URL,
      publicMetadata: {},
      ...input,
    });
  return {
    keys,
    clerkOptions: (overrides = {}) => ({
      mode: 'local',
      secretKey: keys.secretKey,
      publishableKey: publishableKeyFor(FRONTEND_API_URL),
      jwtKey: keys.publicKeyPem,
      authorizedParties: [SPA_ORIGIN],
      ...overrides,
    }),
    claims,
    token: (input = {}) => signJwt(claims(input), keys),
    sign: (body, options = {}) => signJwt(body, options.keys ?? keys, options.header),
  };
}

/** Seconds since the epoch. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
