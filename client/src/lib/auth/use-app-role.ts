import { useAuth } from '@clerk/react';
import { roleFromClaims, type Roles } from '#shared/session-claims';

export interface AppRole {
  isLoaded: boolean;
  /** The `metadata.role` session claim; null for no role (or signed out). */
  role: Roles | null;
  /** Moderators and admins: they may list every post. */
  isStaff: boolean;
}

/**
 * The app role from the session token, read with the same parser the API
 * uses. `has()` only knows organization roles and permissions, so app roles
 * are read from the claims. It drives what the UI offers; the API decides.
 */
export function useAppRole(): AppRole {
  const { isLoaded, sessionClaims } = useAuth();
  const role = roleFromClaims(sessionClaims);
  return { isLoaded, role, isStaff: role === 'admin' || role === 'moderator' };
}
