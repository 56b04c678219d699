import { useState, type SubmitEvent } from 'react';
import type { z } from 'zod';
import { errorsFor, fieldErrorsOf, formLevelError, type FieldErrors } from '@/lib/form-errors.ts';

export interface PostDraft {
  title: string;
  body: string;
}

const FIELDS = ['title', 'body'] as const;

interface PostFormOptions<Output> {
  initial: PostDraft;
  /** The shared schema the API validates with, so the form refuses exactly what the API would. */
  schema: z.ZodType<Output>;
  /** The mutation's error, for the API's 400 field messages. */
  apiError: unknown;
  onValid: (input: Output) => void;
  /** Called when local validation fails, to clear a previous API error. */
  onInvalid: () => void;
}

/** The state of a post form (create or edit): values, validation, and the errors to show where. */
export function usePostForm<Output>({ initial, schema, apiError, onValid, onInvalid }: PostFormOptions<Output>) {
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      onInvalid();
      setLocalErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setLocalErrors({});
    onValid(parsed.data);
  }

  return {
    values,
    setField: (field: keyof PostDraft, value: string) => setValues((current) => ({ ...current, [field]: value })),
    reset: () => setValues(initial),
    handleSubmit,
    errors: { title: errorsFor('title', localErrors, apiError), body: errorsFor('body', localErrors, apiError) },
    formError: formLevelError(apiError, FIELDS),
  };
}
