import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  /** The request itself (pino's serializer keeps it, not enumerable): Express's `ip` honours TRUST_PROXY. */
  raw?: { ip?: string };
}

/**
 * The request headers a log line keeps. Any other header is left out, since a
 * credential can travel in any of them (`X-Clerk-Auth-Token`,
 * `X-Forwarded-Authorization`, whatever a client or proxy invents) and a
 * deny-list only knows the names of yesterday. The client's `X-Request-Id` is
 * not here: `req.id` is what the request id check accepted.
 */
const LOGGED_HEADERS = ['host', 'user-agent', 'accept', 'content-type', 'content-length', 'origin', 'x-forwarded-for', 'x-forwarded-proto'];
/** Credential headers whose presence is worth knowing: logged as present, their value redacted by the logger (see `createLogger`). */
const PRESENCE_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

function loggedHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (!headers) return kept;
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) kept[name] = headers[name];
  for (const name of PRESENCE_HEADERS) if (headers[name] !== undefined) kept[name] = '[redacted]';
  return kept;
}

/**
 * One log line per request, with the request id and an allow-list of headers
 * (see `LOGGED_HEADERS`). The query string is left out of the URL: tokens
 * sometimes travel there (Clerk's handshake parameters, a careless client),
 * and an API log is no place for them.
 */
export function httpLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    // request-id.ts runs first and has set `req.id`.
    genReqId: (req) => req.id,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
        headers: loggedHeaders(req.headers),
        // The client behind a trusted proxy, as the per-IP rate limits see it; the peer otherwise.
        remoteAddress: req.raw?.ip ?? req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
