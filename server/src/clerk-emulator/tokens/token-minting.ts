import type { EmulatorDeps } from '../deps.ts';
import { EmulatorError } from '../http/errors.ts';
import { recordActivity } from '../store/sessions.ts';
import { activeOrganizationClaim, type ActiveOrganizationClaim } from '#shared/session-token';
import { mintSessionToken } from './session-token.ts';
import type { EmulatorStore, StoredSession } from '../store/store.ts';

/**
 * Mints a session token for an active session. Everything is read now, not at
 * sign-in, so a role or membership change shows in the very next token.
 */
export function mintTokenForSession(
  deps: EmulatorDeps,
  session: StoredSession,
  azp: string,
  now: number,
  organizationId: string | null = session.lastActiveOrganizationId,
): string {
  const user = deps.store.userById(session.userId);
  if (!user) throw new EmulatorError(401, 'session_ended', 'The user of this session no longer exists.');
  const token = mintSessionToken(
    {
      userId: user.id,
      sessionId: session.id,
      azp,
      issuer: deps.issuer,
      publicMetadata: user.publicMetadata,
      organization: organizationClaim(deps.store, session.userId, organizationId),
      issuedAt: Math.floor(now / 1000),
      ...(deps.tokenTtlSeconds ? { ttlSeconds: deps.tokenTtlSeconds } : {}),
      // Minutes since sign-in for the first factor; no second factor locally.
      factorVerificationAge: [Math.max(0, Math.floor((now - session.createdAt) / 60_000)), -1],
    },
    deps.keys,
  );
  recordActivity(deps.store, session, user, now);
  return token;
}

/** The org claims for `organizationId`, or null when it is none or the user is not (or no longer) a member. */
export function organizationClaim(store: EmulatorStore, userId: string, organizationId: string | null): ActiveOrganizationClaim | null {
  if (!organizationId) return null;
  const organization = store.organizationByIdOrSlug(organizationId);
  const membership = store.membership(userId, organizationId);
  if (!organization || !membership) return null;
  return activeOrganizationClaim(organization, membership.role);
}
