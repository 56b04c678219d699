import { clerkMiddleware, type ClerkClient } from '@clerk/express';
import type { RequestHandler } from 'express';
import { bearerOnly, REJECTION_HEADERS } from './bearer-only.ts';
import type { ClerkOptions } from './clerk-options.ts';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './verified-token-cache.ts';

/**
 * Clerk's own middleware, fed Bearer tokens only (see `bearerOnly`), with
 * verified tokens remembered until they expire (see `createVerifiedTokenCache`;
 * `tokenCache: false` runs all of Clerk's work on every request, as the
 * benchmark's baseline does). It never answers a request itself: handlers read
 * the result with `getAuth(req)`, through `requireUser`.
 */
export function authenticate(
  clerkClient: ClerkClient,
  options: ClerkOptions,
  tokenCache: VerifiedTokenCache | false = createVerifiedTokenCache(),
): RequestHandler[] {
  const bearer = bearerOnly(clerkClient);
  const verify = clerkMiddleware({
    clerkClient: tokenCache ? tokenCache.wrapClient(bearer) : bearer,
    secretKey: options.secretKey,
    publishableKey: options.publishableKey,
    authorizedParties: options.authorizedParties,
    ...(options.jwtKey ? { jwtKey: options.jwtKey } : {}),
    // Explicit values, so CLERK_IS_SATELLITE / CLERK_PROXY_URL in the process
    // environment (read by Clerk itself) cannot change how the API authenticates.
    isSatellite: false,
    proxyUrl: '',
  });
  // The cache's auth is put back after the headers are combined, so a repeated header never matches a token.
  if (!tokenCache) return [combineAuthorizationHeaders, verify, logTokenRejections];
  return [combineAuthorizationHeaders, tokenCache.reuseAuth, verify, tokenCache.rememberAuth, logTokenRejections];
}

/**
 * Node keeps the first of several Authorization headers and drops the others,
 * where a proxy may forward or read the last one. Combined into one value, as
 * RFC 9110 §5.3 does with any repeated field, they are no longer a single
 * Bearer credential, and `bearerOnly` lets no one in with them.
 */
const combineAuthorizationHeaders: RequestHandler = (req, _res, next) => {
  // rawHeaders is already there; `headersDistinct` would build a copy of every header on each request.
  const raw = req.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization') values.push(raw[i + 1]!);
  }
  if (values.length > 1) req.headers.authorization = values.join(', ');
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
  if (reason !== undefined || message !== undefined) {
    res.removeHeader(REJECTION_HEADERS.reason);
    res.removeHeader(REJECTION_HEADERS.message);
    req.log.debug({ clerk: { reason, message } }, 'bearer token rejected');
  }
  next();
};
