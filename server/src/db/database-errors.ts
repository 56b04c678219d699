import type { ErrorRequestHandler } from 'express';
import { ERROR_CODES } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { HttpError } from '../common/http-error.ts';

/** Socket errors: the server is down, unreachable, or dropped the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * SQLSTATEs that say "not now" rather than "your query is wrong": class 08
 * (connection exception), 53300 too_many_connections, 57014 query_canceled
 * (the statement timeout: an overloaded server), 57P01–57P03 (shutting down,
 * crashed, starting up).
 */
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57014', '57P01', '57P02', '57P03']);

/** node-postgres and PGlite report these without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Connection terminated due to connection timeout/,
  // The client-side query timeout: no answer in time, typically a network that stopped delivering.
  /^Query read timeout/,
  /^Cannot use a pool after calling end on the pool/,
  /is not queryable/,
  /^PGlite is closed/,
];

/** How deep to follow `cause` / `errors`: drizzle wraps once, Node's AggregateError once more. */
const MAX_DEPTH = 4;

/**
 * Whether `error` means the database could not be reached (as opposed to a bad
 * query or a constraint violation). Drizzle wraps driver errors in a
 * `DrizzleQueryError` whose `cause` is the driver's error; a host name with
 * several addresses gives an `AggregateError`: both are looked through.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Seconds a client should wait before retrying; a restarting server is usually back by then. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Error middleware, placed just before `errorHandler`: an unreachable database
 * becomes 503 `database_unavailable` with `Retry-After` instead of a 500. The
 * original error stays attached as `cause`, so the request log still shows it.
 */
export const databaseErrors: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
  // An HttpError is already answered; its cause may be a refused connection to some other service.
  if (error instanceof HttpError || !isDatabaseUnavailable(error)) {
    next(error);
    return;
  }
  next(
    new HttpError(503, ERROR_CODES.databaseUnavailable, API_MESSAGES.databaseUnavailable, {
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      cause: error,
    }),
  );
};
