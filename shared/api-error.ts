// zod/mini, not zod: the SPA reads every error through this schema, so it is
// in the first JavaScript a visitor loads, and zod/mini tree-shakes to a few KB.
import { z } from 'zod/mini';

/** Every error the API (and the Clerk emulator) answers has this body. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level problems for 400s, keyed by dotted path. */
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
    requestId: z.optional(z.string()),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

export const ERROR_CODES = {
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  /** An admin tried to remove or downgrade their own admin role (PUT/DELETE /api/admin/users/:id/role). */
  cannotChangeOwnRole: 'cannot_change_own_role',
  /** A role change would have left the app with no admin (a concurrent demotion); nothing was changed. */
  lastAdmin: 'last_admin',
  /** Other role changes held the role change lock longer than a change may wait (503, Retry-After); this one was not made. */
  roleChangeBusy: 'role_change_busy',
  /** A write with a token of an account deleted since (user.deleted applied): POST/PATCH /api/posts (403). */
  accountDeleted: 'account_deleted',
  /** A write into an organization deleted since (organization.deleted applied): POST/PATCH /api/posts (403). */
  organizationDeleted: 'organization_deleted',
  notFound: 'not_found',
  /** POST /api/posts retried with the Idempotency-Key of a post deleted since (404): nothing is written. */
  postDeleted: 'post_deleted',
  badRequest: 'bad_request',
  validationFailed: 'validation_failed',
  payloadTooLarge: 'payload_too_large',
  /** An Idempotency-Key sent again with a different request than its first (POST /api/posts, 422). */
  idempotencyKeyReused: 'idempotency_key_reused',
  rateLimited: 'rate_limited',
  /** POST /api/webhooks/clerk: a missing or wrong Svix signature, a timestamp outside 5 minutes, or an event that is not Clerk's shape (400). */
  invalidWebhook: 'invalid_webhook',
  /** POST /api/webhooks/clerk in Clerk mode without CLERK_WEBHOOK_SIGNING_SECRET (503: Svix retries until it is set). */
  webhooksNotConfigured: 'webhooks_not_configured',
  upstreamUnavailable: 'upstream_unavailable',
  databaseUnavailable: 'database_unavailable',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** What the mapping reads of a zod issue: `zod` and `zod/mini` issues both fit, so neither is imported here. */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** A field's key in `fields`: the issue's path, dotted (`tags.0`). An empty key is a problem with the whole value. */
export function fieldKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Every issue under its dotted path, in zod's order; issues about the whole
 * value (no path) are `formErrors`. The one rule for turning zod issues into
 * `fields`: the API's 400s, its test doubles and the SPA's own form checks
 * all use it, so a form shows its own check and the API's the same way.
 */
export function fieldErrorsOfIssues(issues: readonly ValidationIssue[]): { fields: Record<string, string[]>; formErrors: string[] } {
  const fields: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    if (key === '') formErrors.push(issue.message);
    else (fields[key] ??= []).push(issue.message);
  }
  return { fields, formErrors };
}

/** The message of a 400 whose problems are all in `fields`. */
export const INVALID_FIELDS_MESSAGE = 'Some fields are not valid.';

/** The message and `fields` of the API's 400 `validation_failed` for a value that failed its schema. */
export function validationFailure(issues: readonly ValidationIssue[]): { message: string; fields?: Record<string, string[]> } {
  const { fields, formErrors } = fieldErrorsOfIssues(issues);
  const formError = formErrors.at(-1);
  const message = formError === undefined ? INVALID_FIELDS_MESSAGE : `The request body is not valid: ${formError}`;
  return Object.keys(fields).length > 0 ? { message, fields } : { message };
}
