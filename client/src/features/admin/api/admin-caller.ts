import { useAuth, useUser } from '@clerk/react';
import type { TokenGetter } from '@/lib/api-client.ts';

/** What an admin call needs from Clerk: the token, and the user to reload when the API says the role changed. */
export interface AdminCaller {
  getToken: TokenGetter;
  reloadUser?: () => Promise<unknown>;
}

/**
 * The admin endpoints decide with the caller's current role, which can be
 * newer than their token's: on a 403 the API client gets a fresh token and
 * reloads the user (`user.reload()`), so a demoted admin's UI drops the admin
 * parts at once instead of within a minute.
 */
export function useAdminCaller(): AdminCaller {
  const { getToken } = useAuth();
  const { user } = useUser();
  return { getToken, ...(user ? { reloadUser: () => user.reload() } : {}) };
}
