import { z } from 'zod';
import { isApiError } from './api-client.ts';

/** Problems per form field, as `z.flattenError` and the API's 400 `fields` both give them. */
export type FieldErrors = Partial<Record<string, string[]>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors;
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
