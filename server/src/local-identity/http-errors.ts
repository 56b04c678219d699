import type { ErrorRequestHandler, RequestHandler } from 'express';
// The core class, not classic zod's `ZodError`: the Frontend API's request
// schemas are zod/mini (shared/local-identity-protocol.ts), whose errors are not
// `ZodError`s; both kinds are `$ZodError`s.
import { $ZodError } from 'zod/v4/core';
import { ERROR_CODES, type ApiErrorBody } from '#shared/api-error';
import { IdentityError } from './errors.ts';
import type { Logger } from 'pino';

/** Field problems keyed by dotted path, as the shared error envelope carries them. */
export function zodFields(error: $ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

interface BodyParserError {
  type: string;
}

export function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && 'status' in error;
}

/** Maps any failure to the app's error envelope `{ error: { code, message, fields? } }`. */
export function toErrorBody(error: unknown): { status: number; body: ApiErrorBody } {
  if (error instanceof IdentityError) {
    const fields = error.fields ? { fields: error.fields } : {};
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...fields } } };
  }
  if (error instanceof $ZodError) {
    const message = 'Some fields are not valid.';
    return { status: 400, body: { error: { code: ERROR_CODES.validationFailed, message, fields: zodFields(error) } } };
  }
  if (isBodyParserError(error) && error.type === 'entity.too.large') {
    return { status: 413, body: { error: { code: ERROR_CODES.payloadTooLarge, message: 'The request body is too large.' } } };
  }
  if (isBodyParserError(error)) {
    return { status: 400, body: { error: { code: ERROR_CODES.badRequest, message: 'The request body is not valid JSON.' } } };
  }
  return { status: 500, body: { error: { code: ERROR_CODES.internal, message: 'Something went wrong.' } } };
}

export function envelopeErrorHandler(logger: Logger | undefined): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) logger?.error({ err: error, path: req.path }, 'local identity request failed');
    res.status(status).json(body);
  };
}

export const envelopeNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: ERROR_CODES.notFound, message: `No route for ${req.method} ${req.path}.` } });
};
