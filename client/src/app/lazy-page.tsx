import { useEffect, useState, type ComponentType } from 'react';
import { NetworkUnavailable } from '@/components/errors/network-unavailable.tsx';
import { onBackOnline } from '@/lib/network.ts';

type Page = ComponentType;

/** Milliseconds before the one automatic retry of a page's module. */
export const MODULE_RETRY_DELAY_MS = 500;

/**
 * A route's `lazy` for a page in its own chunk. A chunk that fails to
 * download (offline, a flaky network) is asked for once more; if that fails
 * too, the route shows a "network unavailable" page instead of the browser's
 * message (which names a developer URL), with a Retry button, and it loads
 * the page by itself when the browser is back online. The route keeps this
 * component: react-router remembers a `lazy` that failed and would not ask
 * again, so the retries happen here.
 */
export function lazyPage(load: () => Promise<Page>, retryDelayMs = MODULE_RETRY_DELAY_MS) {
  return async (): Promise<{ Component: Page }> => {
    try {
      return { Component: await loadWithOneRetry(load, retryDelayMs) };
    } catch {
      return { Component: retryingPage(load) };
    }
  };
}

async function loadWithOneRetry(load: () => Promise<Page>, retryDelayMs: number): Promise<Page> {
  try {
    return await load();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    return load();
  }
}

/** The page once its module loads; until then, the network-unavailable page with its retries. */
function retryingPage(load: () => Promise<Page>): Page {
  let loaded: Page | null = null;
  function RetryingPage() {
    const [page, setPage] = useState<Page | null>(() => loaded);
    const [retrying, setRetrying] = useState(false);
    const retry = () => {
      setRetrying(true);
      load().then(
        (component) => {
          loaded = component;
          setPage(() => component);
        },
        () => setRetrying(false),
      );
    };
    useEffect(() => (page ? undefined : onBackOnline(retry)));
    if (page) {
      const Loaded = page;
      return <Loaded />;
    }
    return <NetworkUnavailable onRetry={retry} retrying={retrying} />;
  }
  return RetryingPage;
}
