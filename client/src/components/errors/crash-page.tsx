export interface CrashPageProps {
  /** Shown only in development, where it helps; never a stack trace. */
  error?: unknown;
  onReset?: () => void;
}

/**
 * The last-resort screen when rendering fails. It depends on nothing (no router,
 * no Clerk, no query client) so it still renders when those are what broke.
 */
export function CrashPage({ error, onReset }: CrashPageProps) {
  const detail = import.meta.env.DEV && error instanceof Error ? error.message : null;
  return (
    <main role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600 dark:text-slate-400">The page could not be shown. Reloading usually helps.</p>
      {detail ? <p className="font-mono text-xs text-red-600 dark:text-red-400">{detail}</p> : null}
      <button
        type="button"
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        onClick={onReset ?? (() => window.location.reload())}
      >
        Reload
      </button>
    </main>
  );
}
