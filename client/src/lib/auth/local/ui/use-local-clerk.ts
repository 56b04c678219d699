import { useCallback, useSyncExternalStore } from 'react';
import type { LocalClerk, LocalClerkStatus } from '../local-clerk.ts';
import type { LocalResources } from '../resources.ts';

/**
 * The local UI renders in React roots of its own, outside ClerkProvider, so it
 * reads the instance directly rather than through @clerk/react's hooks.
 */
export function useLocalResources(clerk: LocalClerk): LocalResources {
  const subscribe = useCallback((onChange: () => void) => clerk.addListener(onChange, { skipInitialEmit: true }), [clerk]);
  return useSyncExternalStore(subscribe, () => clerk.resources);
}

export function useLocalStatus(clerk: LocalClerk): LocalClerkStatus {
  const subscribe = useCallback(
    (onChange: () => void) => {
      clerk.on('status', onChange);
      return () => clerk.off('status', onChange);
    },
    [clerk],
  );
  return useSyncExternalStore(subscribe, () => clerk.status);
}
