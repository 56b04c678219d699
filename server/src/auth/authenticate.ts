import { clerkMiddleware, type ClerkClient } from '@clerk/express';
import type { RequestHandler } from 'express';
import { bearerOnly, REJECTION_HEADERS } from './bearer-only.ts';
import type { ClerkOptions } from './clerk-options.ts';
import { withVerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token-cache.ts';

/**
 * Clerk's own middleware, fed Bearer tokens only (see `bearerOnly`), with
 * verified tokens remembered until they expire (see `withVerifiedTokenCache`;
 * `tokenCache: false` runs Clerk's verification on every request, as the
 * benchmark's baseline does). It never answers a request itself: handlers read
 * the result with `getAuth(req)`, through `requireUser`.
 */
export function authenticate(
  clerkClient: ClerkClient,
  options: ClerkOptions,
  tokenCache: VerifiedTokenCacheOptions | false = {},
): RequestHandler[] {
  const bearer = bearerOnly(clerkClient);
  const verify = clerkMiddleware({
    clerkClient: tokenCache === false ? bearer : withVerifiedTokenCache(bearer, tokenCache),
    secretKey: options.secretKey,
    publishableKey: options.publishableKey,
    authorizedParties: options.authorizedParties,
    ...(options.jwtKey ? { jwtKey: options.jwtKey } : {}),
    // Explicit values, so CLERK_IS_SATELLITE / CLERK_PROXY_URL in the process
    // environment (read by Clerk itself) cannot change how the API authenticates.
    isSatellite: false,
    proxyUrl: '',
  });
  return [combineAuthorizationHeaders, verify, logTokenRejections];
}

/**
 * Node keeps the first of several Authorization headers and drops the others,
 * where a proxy may forward or read the last one. Combined into one value, as
 * RFC 9110 §5.3 does with any repeated field, they are no longer a single
 * Bearer credential, and `bearerOnly` lets no one in with them.
 */
const combineAuthorizationHeaders: RequestHandler = (req, _res, next) => {
  const values = req.headersDistinct.authorization;
  if (values !== undefined && values.length > 1) req.headers.authorization = values.join(', ');
  next();
};

/**
 * Why a token was refused (expired, wrong `azp`, bad signature…) is for the
 * operator, with the request id, and never for the caller: it would tell an
 * attacker which parties are authorized and how far a forged token got.
 */
const logTokenRejections: RequestHandler = (req, res, next) => {
  const reason = res.getHeader(REJECTION_HEADERS.reason);
  const message = res.getHeader(REJECTION_HEADERS.message);
  res.removeHeader(REJECTION_HEADERS.reason);
  res.removeHeader(REJECTION_HEADERS.message);
  if (reason !== undefined) req.log.debug({ clerk: { reason, message } }, 'bearer token rejected');
  next();
};
