import { useEffect, useRef } from 'react';
import { useAuth, useUser } from '@clerk/react';
import type { QueryClient } from '@tanstack/react-query';
// The key, not the query options: those carry the response schemas, which the first bundle must not.
import { meQueryKey } from '@/features/account/api/me-keys.ts';

/**
 * When Clerk's copy of the signed-in user changes (`user.updatedAt` moves), refetches the API's answers about
 * that user, the profile bypassing the API's cache. Why and when: docs/architecture.md, "Keeping the SPA in step with Clerk".
 */
export function useRefreshProfileOnUserUpdate(queryClient: QueryClient): void {
  const { orgId, getToken } = useAuth();
  const { user } = useUser();
  const userId = user?.id ?? null;
  const updatedAt = user?.updatedAt?.getTime() ?? null;
  const previous = useRef<{ userId: string | null; updatedAt: number | null } | null>(null);
  useEffect(() => {
    const last = previous.current;
    previous.current = { userId, updatedAt };
    if (!last || !userId || last.userId !== userId || last.updatedAt === updatedAt) return;
    void import('@/features/account/api/get-profile.ts').then(({ refetchFreshProfile }) =>
      refetchFreshProfile(queryClient, { userId, orgId, getToken }),
    );
    void queryClient.invalidateQueries({ queryKey: meQueryKey(userId), exact: true });
  }, [userId, orgId, updatedAt, queryClient, getToken]);
}

export function RefreshProfileOnUserUpdate({ queryClient }: { queryClient: QueryClient }) {
  useRefreshProfileOnUserUpdate(queryClient);
  return null;
}
