import { useState, type FormEvent } from 'react';
import type { z } from 'zod/mini';
import { FrontendApiError } from '../frontend-api.ts';

export type FieldErrors = Record<string, string[]>;

interface AuthFormOptions<Values extends Record<string, string>, Request> {
  initialValues: Values;
  /** The shared request schema: the same rules the identity server applies. */
  schema: z.ZodMiniType<Request>;
  submit: (request: Request) => Promise<void>;
}

function issuesByField(error: z.core.$ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) (fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return fields;
}

/** Server problems on a field of this form go beside it; anything else is a form-level message. */
export function splitFailure(error: unknown, fieldNames: readonly string[]): { fields: FieldErrors; message: string | null } {
  if (!(error instanceof FrontendApiError)) {
    return { fields: {}, message: error instanceof Error ? error.message : 'Something went wrong. Try again.' };
  }
  const fields = Object.fromEntries(Object.entries(error.fields).filter(([name]) => fieldNames.includes(name)));
  return { fields, message: Object.keys(fields).length > 0 ? null : error.message };
}

/**
 * State of a local sign-in or sign-up form: values, checks with the shared
 * schema before sending, field and form errors from the server, and a
 * pending flag that blocks double submits.
 */
export function useAuthForm<Values extends Record<string, string>, Request>(options: AuthFormOptions<Values, Request>) {
  const [values, setValues] = useState(options.initialValues);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const setValue = (name: keyof Values & string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setFieldErrors((current) => (current[name] ? { ...current, [name]: [] } : current));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const parsed = options.schema.safeParse(values);
    setFormError(null);
    if (!parsed.success) return setFieldErrors(issuesByField(parsed.error));
    setFieldErrors({});
    setPending(true);
    try {
      await options.submit(parsed.data);
    } catch (error) {
      const failure = splitFailure(error, Object.keys(options.initialValues));
      setFieldErrors(failure.fields);
      setFormError(failure.message);
    } finally {
      setPending(false);
    }
  };

  return { values, setValues, setValue, fieldErrors, formError, pending, onSubmit };
}
