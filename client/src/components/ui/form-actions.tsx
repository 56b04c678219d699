import type { ReactNode } from 'react';
import { Button } from './button.tsx';

export interface FormActionsProps {
  /** The submit button's label, and the one it shows while the API works (it is disabled then). */
  label: string;
  pendingLabel: string;
  pending: boolean;
  /** Pending, but held until the browser is back online (TanStack Query's `isPaused`): say so rather than spin. */
  paused?: boolean;
  /** Adds a Cancel button, for forms that leave editing. */
  onCancel?: () => void;
  /** Beside the buttons: a success message. */
  children?: ReactNode;
}

/** What a write's button says while it waits for the network. */
export const WAITING_FOR_NETWORK = 'Waiting for the network…';

/** The buttons under a form, alike on every form. */
export function FormActions({ label, pendingLabel, pending, paused = false, onCancel, children }: FormActionsProps) {
  return (
    <div className="flex items-center gap-2">
      <Button type="submit" disabled={pending}>
        {paused ? WAITING_FOR_NETWORK : pending ? pendingLabel : label}
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
