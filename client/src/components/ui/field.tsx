import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

interface FieldFrameProps {
  label: string;
  /** Problems to show under the control; the control is marked invalid while there are any. */
  errors?: readonly string[] | undefined;
  hint?: string | undefined;
  className?: string;
  /** Renders the control with the id and ARIA attributes that tie it to its label, hint and errors. */
  children: (control: ControlAttributes) => ReactNode;
}

interface ControlAttributes {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  className: string;
}

const controlClass =
  // Focus shows as the app-wide :focus-visible ring (styles.css); a faint 30% ring was not enough to see.
  'rounded-lg border bg-white px-3 py-2 text-sm shadow-sm transition disabled:opacity-60 dark:bg-slate-950 ';

/** Label, hint and errors around one form control, shared by inputs and text areas. */
function FieldFrame({ label, errors = [], hint, className = '', children }: FieldFrameProps) {
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
      {children({
        id,
        'aria-invalid': invalid || undefined,
        'aria-describedby': describedBy || undefined,
        className: controlClass + (invalid ? 'border-red-500' : 'border-slate-300 dark:border-slate-700'),
      })}
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

type FrameProps = Omit<FieldFrameProps, 'children'>;

export interface FieldProps extends FrameProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {}

export function Field({ label, errors, hint, className, ...inputProps }: FieldProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint} className={className}>
      {(control) => <input {...control} {...inputProps} />}
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends FrameProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {}

export function TextAreaField({ label, errors, hint, className, rows = 4, ...textAreaProps }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint} className={className}>
      {(control) => <textarea {...control} rows={rows} {...textAreaProps} />}
    </FieldFrame>
  );
}
