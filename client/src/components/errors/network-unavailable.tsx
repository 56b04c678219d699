import { Button } from '@/components/ui/button.tsx';

export interface NetworkUnavailableProps {
  onRetry: () => void;
  retrying: boolean;
}

/** A page whose code could not be downloaded: the network is the likely cause, and a retry the cure. */
export function NetworkUnavailable({ onRetry, retrying }: NetworkUnavailableProps) {
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">The network is unavailable</h1>
      <p className="text-slate-600 dark:text-slate-400">
        This page could not be loaded. Check your connection; the page loads by itself once you are back online.
      </p>
      <Button onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </div>
  );
}
