import type { ReactNode } from 'react';
import { Button } from './button.tsx';

export interface FormActionsProps {
  /** The submit button's label, and the one it shows while the API works (it is disabled then). */
  label: string;
  pendingLabel: string;
  pending: boolean;
  /** Adds a Cancel button, for forms that leave editing. */
  onCancel?: () => void;
  /** Beside the buttons: a success message. */
  children?: ReactNode;
}

/** The buttons under a form, alike on every form. */
export function FormActions({ label, pendingLabel, pending, onCancel, children }: FormActionsProps) {
  return (
    <div className="flex items-center gap-2">
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      ) : null}
      {children}
    </div>
  );
}
