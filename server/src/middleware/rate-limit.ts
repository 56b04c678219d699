import { getAuth } from '@clerk/express';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { ERROR_CODES } from '#shared/api-error';
import { HttpError, sendError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  /** Shared counters (Redis) so several API instances enforce one limit; in-process memory otherwise. */
  redis?: RedisCommandSender | undefined;
  /** Keeps the counters of different deployments (or test runs) on one Redis apart. */
  prefix?: string;
}

/** The part of a Redis client the store needs: node-redis's `sendCommand`. */
export type RedisCommandSender = (args: string[]) => Promise<unknown>;

/**
 * Requests per signed-in user, or per client IP (IPv6 by /56) when signed out.
 * It runs after `clerkMiddleware`, so the user is known from the verified
 * token. The key is never a claim the caller can choose without a valid
 * signature. Over the limit: 429 with `Retry-After`, in the JSON error shape.
 *
 * If Redis fails, requests pass (and the failure is logged): an outage of the
 * limiter's store must not become an outage of the API.
 */
export function rateLimitPerCaller(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    // `RateLimit: limit=…, remaining=…, reset=…`. Draft 8 would also hash the
    // caller's key into a partition id on every request, which no client reads.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: callerKey,
    passOnStoreError: true,
    ...(options.redis ? { store: redisStore(options.redis, options.prefix ?? 'rl:') } : {}),
    handler: (req, res, _next, limiterOptions) => {
      const retryAfter = Math.ceil(limiterOptions.windowMs / 1000);
      req.log?.warn({ rateLimit: { key: callerKind(req) } }, 'rate limit exceeded');
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
  return userId ? `user:${userId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

function callerKind(req: Request): 'user' | 'ip' {
  return getAuth(req).userId ? 'user' : 'ip';
}

function redisStore(sendCommand: RedisCommandSender, prefix: string): Store {
  return new RedisStore({
    prefix,
    // node-redis answers the scripts' replies in the shapes rate-limit-redis reads.
    sendCommand: (...args: string[]) => sendCommand(args) as Promise<RedisReply>,
  });
}
