import { useEffect, useRef } from 'react';
import { useUser } from '@clerk/react';
import type { QueryClient } from '@tanstack/react-query';
// The keys, not the query options: those carry the response schemas, which the first bundle must not.
import { meQueryKey } from '@/features/me/api/me-keys.ts';
import { profileQueryKey } from '@/features/profile/api/profile-keys.ts';

/**
 * When Clerk's copy of the signed-in user changes (a name changed in Clerk's
 * <UserProfile>, or anywhere else Clerk reports it: `user.updatedAt` moves),
 * the API's answers about that user are refetched, so the page shows the new
 * name at once instead of the cached one. The first load is not a change, and
 * another user is ClearCacheOnUserChange's business.
 */
export function useRefreshProfileOnUserUpdate(queryClient: QueryClient): void {
  const { user } = useUser();
  const userId = user?.id ?? null;
  const updatedAt = user?.updatedAt?.getTime() ?? null;
  const previous = useRef<{ userId: string | null; updatedAt: number | null } | null>(null);
  useEffect(() => {
    const last = previous.current;
    previous.current = { userId, updatedAt };
    if (!last || !userId || last.userId !== userId || last.updatedAt === updatedAt) return;
    for (const queryKey of [profileQueryKey(userId), meQueryKey(userId)]) void queryClient.invalidateQueries({ queryKey, exact: true });
  }, [userId, updatedAt, queryClient]);
}

export function RefreshProfileOnUserUpdate({ queryClient }: { queryClient: QueryClient }) {
  useRefreshProfileOnUserUpdate(queryClient);
  return null;
}
