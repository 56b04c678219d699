import { getAuth } from '@clerk/express';
import type { Request, RequestHandler } from 'express';
import { ERROR_CODES } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { roleFromClaims, type Roles } from '#shared/session-claims';
import type { Caller } from '../common/caller.ts';
import { HttpError } from '../common/http-error.ts';

/**
 * The caller of a protected handler, or a 401. Call it first thing in the
 * handler: `const caller = requireUser(req)`. (Clerk's `requireAuth()` would
 * redirect to a sign-in page, which an API must never do.)
 */
export function requireUser(req: Request): Caller {
  const auth = getAuth(req);
  if (!auth.isAuthenticated) throw unauthenticated(req);
  let caller = callers.get(auth);
  if (caller === undefined) {
    caller = Object.freeze({
      userId: auth.userId,
      sessionId: auth.sessionId,
      orgId: auth.orgId ?? null,
      orgSlug: auth.orgSlug ?? null,
      orgRole: auth.orgRole ?? null,
      orgPermissions: Object.freeze([...(auth.orgPermissions ?? [])]),
      role: roleFromClaims(auth.sessionClaims),
    });
    callers.set(auth, caller);
  }
  return caller;
}

/**
 * A verified token's auth object is shared by every request that presents the
 * token (see `createVerifiedTokenCache`), so its caller is read (and its role
 * claim validated) once; frozen, since requests share it.
 */
const callers = new WeakMap<object, Caller>();

/** The caller when signed in, null otherwise: for endpoints that are public but personalized. */
export function optionalUser(req: Request): Caller | null {
  return getAuth(req).isAuthenticated ? requireUser(req) : null;
}

/** Route guard: 401 when signed out, 403 unless the caller has one of `roles`. */
export function requireRole(...roles: Roles[]): RequestHandler {
  return (req, _res, next) => {
    const caller = requireUser(req);
    if (caller.role === null || !roles.includes(caller.role)) {
      throw new HttpError(403, ERROR_CODES.forbidden, API_MESSAGES.forbidden);
    }
    next();
  };
}

/**
 * RFC 6750: a bare challenge when no token came, `error="invalid_token"` when
 * a Bearer token came and was refused (expired, wrong party, bad signature…).
 * Which of those it was stays in the logs.
 */
function unauthenticated(req: Request): HttpError {
  const presentedToken = /^Bearer\s+\S+/i.test(req.get('Authorization') ?? '');
  const challenge = presentedToken ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"';
  return new HttpError(401, ERROR_CODES.unauthenticated, API_MESSAGES.unauthenticated, {
    headers: { 'WWW-Authenticate': challenge },
  });
}
