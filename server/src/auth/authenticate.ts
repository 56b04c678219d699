import { clerkMiddleware, getAuth, type ClerkClient } from '@clerk/express';
import type { RequestHandler } from 'express';
import { bearerOnly, REJECTION_HEADERS } from './bearer-only.ts';
import type { ClerkOptions } from './clerk-options.ts';
import { createJwksKeys, type JwksKeys } from './jwks.ts';
import { memoizedByOptions } from './memoized-auth.ts';
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
  const bearer = options.jwtKey ? bearerOnly(clerkClient) : withJwksKeys(bearerOnly(clerkClient), startJwksKeys(options));
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
  const anonymous = signedOutAuthReuse();
  return [
    combineAuthorizationHeaders,
    anonymous.reuse,
    tokenCache.reuseAuth,
    verify,
    anonymous.remember,
    tokenCache.rememberAuth,
    logTokenRejections,
  ];
}

/**
 * Requests without an Authorization header reuse the signed-out auth handler `clerkMiddleware` built for the first
 * one (Clerk's guard against running twice passes them on). Why: docs/performance.md, "The verified-token cache".
 */
function signedOutAuthReuse(): { reuse: RequestHandler; remember: RequestHandler } {
  let signedOut: unknown;
  const reuse: RequestHandler = (req, _res, next) => {
    if (signedOut !== undefined && req.headers.authorization === undefined) (req as { auth?: unknown }).auth = signedOut;
    next();
  };
  const remember: RequestHandler = (req, _res, next) => {
    if (signedOut === undefined && req.headers.authorization === undefined) {
      const auth = getAuth(req);
      if (!auth.isAuthenticated) signedOut = memoizedByOptions((req as unknown as { auth: (options?: unknown) => unknown }).auth);
    }
    next();
  };
  return { reuse, remember };
}

/** Without `CLERK_JWT_KEY`: the instance's keys, fetched now so the first signed-in request does not wait for them. */
function startJwksKeys(options: ClerkOptions): JwksKeys {
  const keys = createJwksKeys({ secretKey: options.secretKey, ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) });
  void keys.warm();
  return keys;
}

/**
 * Hands Clerk the key for each token's `kid` (`jwtKey`, which makes its
 * verification networkless), so Clerk never fetches the JWKS itself: its
 * fetch has no timeout, and its failure would make a signed-in user look
 * signed out (401) where the truth is that the API cannot check (503, thrown
 * by `pemFor` and answered by the error handler). A request without a
 * well-formed token needs no key: Clerk refuses it without one.
 */
function withJwksKeys(client: ClerkClient, keys: JwksKeys): ClerkClient {
  type AuthenticateRequest = ClerkClient['authenticateRequest'];
  const authenticate = async (request: Request, options: Parameters<AuthenticateRequest>[1] = {}) => {
    const header = jwtHeaderOf(request.headers.get('authorization'));
    if (header === null) return client.authenticateRequest(request, options);
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    return client.authenticateRequest(request, { ...options, jwtKey: await keys.pemFor(kid) });
  };
  return { ...client, authenticateRequest: authenticate };
}

/** The decoded JOSE header of a `Bearer <jwt>` credential, or null when there is none. */
function jwtHeaderOf(authorization: string | null): Record<string, unknown> | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.exec(authorization ?? '');
  if (!match) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : null;
  } catch {
    return null;
  }
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
