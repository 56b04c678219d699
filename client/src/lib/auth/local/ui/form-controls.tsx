import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';

/**
 * The form parts of the local sign-in and sign-up screens. They are
 * self-contained on purpose: in Clerk mode Clerk's own components replace all
 * of this, so the app's shared components do not depend on it or vice versa.
 */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  errors?: readonly string[] | undefined;
  hint?: string | undefined;
}

export function TextField({ label, errors = [], hint, ...inputProps }: TextFieldProps) {
  const id = useId();
  const invalid = errors.length > 0;
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className={
          'rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm outline-none transition ' +
          'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 ' +
          'disabled:opacity-60 dark:bg-slate-950 dark:text-slate-100 ' +
          (invalid ? 'border-red-500 dark:border-red-400' : 'border-slate-300 dark:border-slate-700')
        }
        {...inputProps}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {/* Always rendered so screen readers announce an error as soon as it appears. */}
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-600 empty:hidden dark:text-red-400">
        {errors.join(' ')}
      </p>
    </div>
  );
}

export function Spinner() {
  return (
    <span
      aria-hidden="true"
      className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent motion-reduce:animate-none"
    />
  );
}

export interface SubmitButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  pending: boolean;
  pendingLabel: string;
}

export function SubmitButton({ pending, pendingLabel, children, className = '', ...props }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending || undefined}
      className={
        'inline-flex w-full items-center justify-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium ' +
        'text-white shadow-sm transition hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-70 ' +
        `${focusRing} ${className}`
      }
      {...props}
    >
      {pending ? <Spinner /> : null}
      {pending ? pendingLabel : children}
    </button>
  );
}

/** The form-level error (wrong password, server unreachable): announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" aria-live="assertive" className="empty:hidden">
      {message ? (
        <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 font-sans shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-5">
        <h1 className="text-lg font-semibold text-slate-900 dark:text-white">{title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{subtitle}</p>
      </div>
      {children}
    </div>
  );
}
