import { z } from 'zod';

/** Every error the API (and the local identity server) answers has this body. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level problems for 400s, keyed by dotted path. */
    fields: z.record(z.string(), z.array(z.string())).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

export const ERROR_CODES = {
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  badRequest: 'bad_request',
  validationFailed: 'validation_failed',
  payloadTooLarge: 'payload_too_large',
  rateLimited: 'rate_limited',
  upstreamUnavailable: 'upstream_unavailable',
  databaseUnavailable: 'database_unavailable',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
