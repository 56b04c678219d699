import { useEffect, useRef } from 'react';
import { useAuth } from '@clerk/react';
import type { QueryClient } from '@tanstack/react-query';

/**
 * Empties the react-query cache whenever the signed-in user changes: on
 * sign-out and when another user signs in (here or in another tab), so no
 * one is ever shown the previous user's answers. The first load is not a change.
 */
export function useClearCacheOnUserChange(queryClient: QueryClient): void {
  const { isLoaded, userId } = useAuth();
  const previous = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!isLoaded) return;
    const current = userId ?? null;
    if (previous.current !== undefined && previous.current !== current) queryClient.clear();
    previous.current = current;
  }, [isLoaded, userId, queryClient]);
}

export function ClearCacheOnUserChange({ queryClient }: { queryClient: QueryClient }) {
  useClearCacheOnUserChange(queryClient);
  return null;
}
