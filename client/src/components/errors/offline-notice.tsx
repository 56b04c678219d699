import { useIsOnline } from '@/lib/network.ts';

/** A line above the page while the browser is offline: writes wait for the network, pages may not load. */
export function OfflineNotice() {
  const online = useIsOnline();
  return (
    // A live region that is always there (empty while online), so the notice is announced when it appears.
    <div aria-live="polite">
      {online ? null : (
        <p className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          You are offline. What you publish, save or delete waits for the network and is sent when it is back.
        </p>
      )}
    </div>
  );
}
