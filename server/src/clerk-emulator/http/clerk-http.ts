import { createHash, timingSafeEqual } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { fieldKey } from '#shared/api-error';
import { EmulatorError } from './errors.ts';
import { malformedRequest } from './url-check.ts';
import { bodyParserErrorType } from '../../common/http-error.ts';

/**
 * @clerk/backend parses a body as JSON only when Content-Type is exactly
 * `application/json`; Express's `res.json` and `res.set` add `; charset=utf-8`,
 * which would make the SDK treat every answer as text. So the header is set
 * raw, and a Buffer body makes `send` keep it.
 */
export function sendClerkJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('Content-Type', 'application/json');
  res.send(Buffer.from(JSON.stringify(body)));
}

export function notFound(resource: string): EmulatorError {
  return new EmulatorError(404, 'resource_not_found', `${resource} not found.`);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Bearer secret key, compared in constant time (digests first, so lengths always match). */
export function requireSecretKey(secretKey: string): RequestHandler {
  const expected = digest(secretKey);
  return (req, _res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      throw new EmulatorError(401, 'authentication_invalid', 'The provided Clerk Secret Key is invalid.');
    }
    next();
  };
}

interface ClerkErrorItem {
  message: string;
  long_message: string;
  code: string;
  meta?: { param_name?: string; [key: string]: unknown };
}

function zodErrorItems(error: ZodError): ClerkErrorItem[] {
  return error.issues.map((issue) => {
    const param = issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : fieldKey(issue.path);
    const code = issue.code === 'unrecognized_keys' ? 'form_param_unknown' : 'form_param_format_invalid';
    return { message: 'is invalid', long_message: `${param}: ${issue.message}`, code, meta: { param_name: param } };
  });
}

function clerkErrors(error: unknown): { status: number; errors: ClerkErrorItem[] } {
  if (error instanceof EmulatorError) {
    // A form error names its field, so Clerk's components show it under that input.
    const params = Object.entries(error.fields ?? {});
    if (params.length === 0) {
      const meta = error.meta ? { meta: error.meta } : {};
      return { status: error.status, errors: [{ message: error.message, long_message: error.message, code: error.code, ...meta }] };
    }
    return {
      status: error.status,
      errors: params.map(([param, messages]) => ({
        message: messages[0] ?? error.message,
        long_message: messages[0] ?? error.message,
        code: error.code,
        meta: { param_name: param },
      })),
    };
  }
  if (error instanceof ZodError) return { status: 422, errors: zodErrorItems(error) };
  // Express decoding a route parameter that is not validly percent-encoded.
  if (error instanceof URIError) return clerkErrors(malformedRequest());
  const bodyError = bodyParserErrorType(error);
  if (bodyError !== null) {
    const message = bodyError === 'entity.too.large' ? 'Request body too large.' : 'Request body is not valid JSON.';
    return { status: bodyError === 'entity.too.large' ? 413 : 400, errors: [{ message, long_message: message, code: 'request_body_invalid' }] };
  }
  return { status: 500, errors: [{ message: 'Internal error', long_message: 'Internal error', code: 'internal_clerk_error' }] };
}

export function clerkErrorHandler(logger: Logger | undefined): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, errors } = clerkErrors(error);
    if (status >= 500) logger?.error({ err: error, path: req.path }, 'local Backend API request failed');
    sendClerkJson(res, status, { errors, clerk_trace_id: `local_${Date.now().toString(36)}` });
  };
}
