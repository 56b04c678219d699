import { useState, type ChangeEvent, type SubmitEvent } from 'react';
import type { z } from 'zod';
import { errorsFor, fieldErrorsOf, formLevelError, type FieldErrors } from './form-errors.ts';

/** A form's values: text, by field name. */
type Values<V> = { [K in keyof V]: string };

interface FormOptions<V extends Values<V>, Output> {
  initial: V;
  /** The shared schema the API validates with, so the form refuses exactly what the API would. */
  schema: z.ZodType<Output>;
  /** The mutation the form submits: its error carries the API's 400 field messages. */
  mutation: { error: unknown; reset: () => void };
  /** Called with the parsed input, and the values as typed (what a success message describes). */
  onValid: (input: Output, submitted: V) => void;
}

/**
 * The one form hook: values, validation with the shared schema, and every
 * problem shown where it belongs: under its field (the form's own validation
 * first, else what the API's 400 said about the field), anything else for
 * the form as a whole. A submission that fails validation clears the previous
 * API error, so no message outlives the attempt it was about.
 */
export function useForm<V extends Values<V>, Output>({ initial, schema, mutation, onValid }: FormOptions<V, Output>) {
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      mutation.reset();
      setLocalErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setLocalErrors({});
    onValid(parsed.data, values);
  }

  return {
    values,
    /** What a <Field> or <TextAreaField> needs for `name`: its value, its change handler, its problems. */
    field: (name: keyof V & string) => ({
      name,
      value: values[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((current) => ({ ...current, [name]: event.target.value })),
      errors: errorsFor(name, localErrors, mutation.error),
    }),
    reset: () => setValues(initial),
    handleSubmit,
    formError: formLevelError(mutation.error, Object.keys(initial)),
  };
}

export type Form<V extends Values<V>> = ReturnType<typeof useForm<V, unknown>>;

/**
 * A success message ("Published “…”", "Saved", the API's greeting) is about
 * content as it was when the API accepted it, so it is shown from `show(about)`
 * only while `content` (that same content, as it is now: JSON-comparable,
 * null when it is gone) still equals it, and disappears once it changes.
 */
export function useSuccessMessage<T>(content: T) {
  const [about, setAbout] = useState<string | null>(null);
  return {
    shown: about !== null && about === JSON.stringify(content),
    show: (described: T) => setAbout(JSON.stringify(described)),
    hide: () => setAbout(null),
  };
}
