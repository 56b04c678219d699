import cors from 'cors';
import type { RequestHandler } from 'express';
import { ERROR_CODES } from '#shared/api-error';
import { IDEMPOTENT_REPLAYED_HEADER } from '#shared/posts';
import { HttpError } from '../common/http-error.ts';

/**
 * Cross-origin access for exactly the SPA origins. The SPA sends its token in
 * the Authorization header, never in cookies, so credentials stay off. A
 * disallowed origin gets no `Access-Control-Allow-Origin`, and its preflight is
 * refused outright (the cors package would otherwise answer it 204, merely
 * without the allow headers).
 */
export function corsPolicy(authorizedParties: readonly string[]): RequestHandler[] {
  const allowed = new Set(authorizedParties);
  const refuseForeignPreflight: RequestHandler = (req, _res, next) => {
    const origin = req.get('Origin');
    const isPreflight = req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined;
    if (isPreflight && origin !== undefined && !allowed.has(origin)) {
      throw new HttpError(403, ERROR_CODES.forbidden, 'This origin may not call the API.');
    }
    next();
  };
  const allowParties = cors({
    origin: [...allowed],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Cache-Control: the SPA's `no-cache` asks for fresh data right after a change in Clerk.
    // Idempotency-Key: the SPA's retries of POST /api/posts (see shared/posts.ts).
    allowedHeaders: ['Authorization', 'Content-Type', 'Cache-Control', 'Idempotency-Key'],
    // Idempotent-Replayed: tells the SPA that its retry found the post its first attempt wrote.
    exposedHeaders: ['X-Request-Id', IDEMPOTENT_REPLAYED_HEADER],
    credentials: false,
    // Browsers cap it anyway (Chromium at 2 hours); 10 minutes keeps a policy change quick to apply.
    maxAge: 600,
  });
  return [refuseForeignPreflight, allowParties];
}
