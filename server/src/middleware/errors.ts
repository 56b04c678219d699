import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { ERROR_CODES, validationFailure, type ApiErrorBody } from '#shared/api-error';
import { bodyParserErrorType, HttpError } from '../common/http-error.ts';
import { JSON_BODY_LIMIT_KB } from './json-body.ts';

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

/** `instanceof` alone would leave the code `any`; the API throws only its own codes (EmulatorError is the emulator's). */
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

/**
 * The router could not percent-decode a path parameter (`/api/posts/%FF%FE` is
 * not UTF-8): it throws a URIError marked 400, whose message quotes the raw
 * parameter. The caller's URL is at fault, not the server.
 */
function isPathDecodingError(error: unknown): boolean {
  return error instanceof URIError && (error as { status?: unknown }).status === 400;
}
