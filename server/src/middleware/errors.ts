import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { ERROR_CODES, INVALID_FIELDS_MESSAGE, validationFailure, type ApiErrorBody, type ErrorCode } from '#shared/api-error';
import { JSON_BODY_LIMIT_KB } from './json-body.ts';

export interface HttpErrorOptions {
  fields?: Record<string, string[]>;
  /** Response headers that belong to this error, e.g. `WWW-Authenticate`, `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
  /** Context for the logs (pino's error serializer prints it); never sent to the caller. */
  details?: Record<string, unknown>;
}

/**
 * The one error type handlers throw; the error handler turns it into the JSON
 * envelope. `Code` is the API's codes; the emulator throws it with Clerk's
 * (local-identity/errors.ts) and answers it in Clerk's envelope.
 */
export class HttpError<Code extends string = ErrorCode> extends Error {
  readonly status: number;
  readonly code: Code;
  readonly fields: Record<string, string[]> | undefined;
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: Code, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

export const notFound: RequestHandler = (req) => {
  throw new HttpError(404, ERROR_CODES.notFound, `No route for ${req.method} ${req.path}`);
};

/** The last middleware: every failure leaves as JSON, none with internals. */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const httpError = toHttpError(error);
  if (httpError.status >= 500) {
    // pino-http logs `res.err` (stack and cause included) with the request id
    // when the response finishes; the body carries only the generic message.
    res.err = error instanceof Error ? error : new Error(String(error));
  }
  sendError(res, httpError);
};

export function sendError(res: Response, error: HttpError): void {
  const requestId = res.getHeader('X-Request-Id');
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(typeof requestId === 'string' ? { requestId } : {}),
    },
  };
  res.status(error.status).set(error.headers).json(body);
}

/** `instanceof` alone would leave the code `any`; the API throws only its own codes (IdentityError is the emulator's). */
function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

function toHttpError(error: unknown): HttpError {
  if (isHttpError(error)) return error;
  if (error instanceof ZodError) return validationError(error);
  const bodyError = bodyParserError(error);
  if (bodyError) return bodyError;
  if (isPathDecodingError(error)) {
    return new HttpError(400, ERROR_CODES.badRequest, 'The request path is not valid: it has a malformed percent-encoding.');
  }
  return new HttpError(500, ERROR_CODES.internal, 'Something went wrong on our side. Try again later.');
}

/** A 400 `validation_failed` about one field, in the shape a failed schema gets: for checks a schema cannot make. */
export function invalidField(field: string, message: string): HttpError {
  return new HttpError(400, ERROR_CODES.validationFailed, INVALID_FIELDS_MESSAGE, { fields: { [field]: [message] } });
}

function validationError(error: ZodError): HttpError {
  const { message, fields } = validationFailure(error.issues);
  return new HttpError(400, ERROR_CODES.validationFailed, message, fields ? { fields } : {});
}

/** express.json() reports through http-errors: a 4xx `status` and a `type` saying what went wrong. */
function bodyParserError(error: unknown): HttpError | null {
  switch (bodyParserErrorType(error)) {
    case null:
      return null;
    case 'entity.parse.failed':
      return new HttpError(400, ERROR_CODES.badRequest, 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new HttpError(413, ERROR_CODES.payloadTooLarge, `The request body is too large (at most ${bodyLimitKb(error)} kB).`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, ERROR_CODES.badRequest, 'Send the body as UTF-8 JSON without a content encoding.');
    default:
      return new HttpError(400, ERROR_CODES.badRequest, 'The request body could not be read.');
  }
}

/** The limit the refusing parser had (raw-body reports it in bytes), so each route's 413 names its own. */
function bodyLimitKb(error: unknown): number {
  const limit = typeof error === 'object' && error !== null && 'limit' in error ? error.limit : undefined;
  return typeof limit === 'number' ? Math.round(limit / 1024) : JSON_BODY_LIMIT_KB;
}

/** The `type` of a body parser's refusal (e.g. `entity.too.large`); null for any other error. Both APIs and the emulator read it. */
export function bodyParserErrorType(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('type' in error) || !('status' in error)) return null;
  const { type, status } = error;
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return null;
  return type;
}

/**
 * The router could not percent-decode a path parameter (`/api/posts/%FF%FE` is
 * not UTF-8): it throws a URIError marked 400, whose message quotes the raw
 * parameter. The caller's URL is at fault, not the server.
 */
function isPathDecodingError(error: unknown): boolean {
  return error instanceof URIError && (error as { status?: unknown }).status === 400;
}
