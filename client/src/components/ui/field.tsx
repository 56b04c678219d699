import { useId, type InputHTMLAttributes } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Problems to show under the input; the input is marked invalid while there are any. */
  errors?: readonly string[] | undefined;
  hint?: string;
}

export function Field({ label, errors = [], hint, className = '', ...inputProps }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = errors.length > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className={
          'rounded-lg border bg-white px-3 py-2 text-sm shadow-sm outline-none transition ' +
          'focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 dark:bg-slate-950 ' +
          (invalid ? 'border-red-500' : 'border-slate-300 dark:border-slate-700')
        }
        {...inputProps}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
