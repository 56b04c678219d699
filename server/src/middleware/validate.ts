import type { Request } from 'express';
import type { z } from 'zod';
import { ERROR_CODES } from '#shared/api-error';
import { HttpError } from '../common/http-error.ts';

/**
 * The validated body of a JSON endpoint. express.json() leaves other content
 * types alone, so a form post would otherwise look like an empty body and
 * produce confusing "required" errors instead of naming the real problem.
 */
export function readJsonBody<Schema extends z.ZodType>(req: Request, schema: Schema): z.output<Schema> {
  if (!hasBody(req)) {
    throw new HttpError(400, ERROR_CODES.badRequest, 'Send a JSON body (Content-Type: application/json).');
  }
  if (!req.is('application/json')) {
    throw new HttpError(415, ERROR_CODES.badRequest, 'Send the body as JSON (Content-Type: application/json).');
  }
  // A ZodError reaches the error handler as 400 validation_failed with fields.
  return schema.parse(req.body);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
