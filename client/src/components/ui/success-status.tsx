import type { ReactNode } from 'react';

/** A short success message, announced politely (role="status"): "Saved", "Published “…”". */
export function SuccessStatus({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <p role="status" className={`text-sm text-emerald-700 dark:text-emerald-400 ${className}`}>
      {children}
    </p>
  );
}
