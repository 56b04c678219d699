import { getAuth } from '@clerk/express';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ERROR_CODES } from '#shared/api-error';
import { sendError } from './errors.ts';
import { FailoverStore, type SharedCounters } from './failover-store.ts';
import { HttpError } from '../common/http-error.ts';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  /**
   * Shared counters (Redis) so several API instances enforce one limit. In
   * process memory without it, and while it is unreachable.
   */
  redis?: SharedCounters | undefined;
  /** Keeps the counters of different deployments (or test runs) on one Redis apart. */
  prefix?: string;
}

/**
 * Requests per signed-in user, or per client IP (IPv6 by /56) when signed out; after `clerkMiddleware`, so the key is
 * never a claim the caller chose. Over the limit: 429 with `Retry-After`. More: docs/security.md, "Headers, limits, errors".
 */
export function rateLimitPerCaller(options: RateLimitOptions): RequestHandler {
  return limiter(options, callerKey, callerKind);
}

/**
 * Clerk's webhook deliveries (Svix), per client IP, in a bucket of their own:
 * mounted before authentication, where `getAuth` cannot be asked. Keyed apart
 * from anonymous callers (`clerk-webhook:` rather than `ip:`), so browsing
 * that uses up an IP's limit never makes Clerk's deliveries answer 429 (which
 * would delay every user and organization change by Svix's retry schedule),
 * and a flood of unsigned posts to the webhook never uses up browsing's. Still
 * bounded: what an IP may make us buffer and verify is limited all the same.
 */
export function rateLimitClerkDeliveries(options: RateLimitOptions): RequestHandler {
  return limiter(
    options,
    (req) => `clerk-webhook:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    () => 'clerk-webhook',
  );
}

function limiter(
  options: RateLimitOptions,
  keyGenerator: (req: Request) => string,
  kindOf: (req: Request) => 'user' | 'ip' | 'clerk-webhook',
): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    // `RateLimit: limit=…, remaining=…, reset=…`. Draft 8 would also hash the
    // caller's key into a partition id on every request, which no client reads.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator,
    // The failover store never fails; were it to, a 500 beats silently lifting the limit.
    passOnStoreError: false,
    // `X-Forwarded-For` from an untrusted peer is expected (anyone can send it) and ignored: see TRUST_PROXY.
    validate: { xForwardedForHeader: false },
    ...(options.redis ? { store: new FailoverStore(options.redis, options.prefix ?? 'rl:') } : {}),
    handler: (req, res, _next, limiterOptions) => {
      const retryAfter = Math.ceil(limiterOptions.windowMs / 1000);
      req.log.warn({ rateLimit: { key: kindOf(req) } }, 'rate limit exceeded');
      sendError(
        res,
        new HttpError(429, ERROR_CODES.rateLimited, 'Too many requests. Try again shortly.', {
          headers: { 'Retry-After': res.getHeader('Retry-After')?.toString() ?? String(retryAfter) },
        }),
      );
    },
  });
}

function callerKey(req: Request): string {
  const userId = getAuth(req).userId;
  return userId ? `user:${userId}` : ipKey(req);
}

function ipKey(req: Request): string {
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

function callerKind(req: Request): 'user' | 'ip' {
  return getAuth(req).userId ? 'user' : 'ip';
}
