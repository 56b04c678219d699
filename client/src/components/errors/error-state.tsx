import { Link } from 'react-router';
import { paths } from '@/config/paths.ts';
import { Button } from '@/components/ui/button.tsx';
import { describeError } from './describe-error.ts';

export interface ErrorStateProps {
  error: unknown;
  /** Offered as a "Try again" button when given. */
  onRetry?: () => void;
  retrying?: boolean;
}

/** An error shown in place of the content that failed, with a way forward. */
export function ErrorState({ error, onRetry, retrying = false }: ErrorStateProps) {
  const { title, message, needsSignIn, requestId } = describeError(error);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950/40">
      <p className="font-semibold text-red-800 dark:text-red-300">{title}</p>
      <p className="mt-1 text-red-700 dark:text-red-300/90">{message}</p>
      {requestId ? <p className="mt-1 font-mono text-xs text-red-600/80 dark:text-red-400/80">Request id: {requestId}</p> : null}
      <div className="mt-3 flex gap-2">
        {onRetry ? (
          <Button variant="secondary" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : 'Try again'}
          </Button>
        ) : null}
        {needsSignIn ? (
          <Link to={paths.signIn} className="inline-flex items-center px-2 text-sm font-medium text-brand-600 dark:text-brand-400 underline">
            Sign in
          </Link>
        ) : null}
      </div>
    </div>
  );
}
