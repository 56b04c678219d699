import type { z } from 'zod';
import { fieldErrorsOfIssues } from '#shared/api-error';
import { isApiError } from './api-client.ts';

/** Problems per form field, keyed as the API's 400 `fields` are. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** The form's own check, by the rule the API's 400s follow (shared/api-error.ts), so both show alike. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return fieldErrorsOfIssues(error.issues).fields;
}

/** A field's problems: the form's own validation first, else what the API's 400 said about it. */
export function errorsFor(field: string, localErrors: FieldErrors, apiError: unknown): string[] {
  if (Object.keys(localErrors).length > 0) return localErrors[field] ?? [];
  return isApiError(apiError) ? (apiError.fields?.[field] ?? []) : [];
}

/**
 * The error to show for the form as a whole: anything the API said that is
 * not about one of the form's own fields (those are shown under the field).
 */
export function formLevelError(apiError: unknown, fields: readonly string[]): unknown {
  if (!apiError) return null;
  if (!isApiError(apiError)) return apiError;
  const aboutFields = fields.some((field) => (apiError.fields?.[field]?.length ?? 0) > 0);
  return aboutFields ? null : apiError;
}
