import { EmulatorError } from '../http/errors.ts';
import { hashClientToken, newClientToken, newId } from './ids.ts';
import type { EmulatorStore, StoredClient, StoredSession, StoredUser } from './store.ts';

/** Sessions last seven days from sign-in, Clerk's default maximum lifetime. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function isSessionActive(session: StoredSession, now: number): boolean {
  return session.status === 'active' && session.expireAt > now;
}

/** Clerk's session status, with `expired` derived from the clock. */
export function sessionStatus(session: StoredSession, now: number): 'active' | 'ended' | 'revoked' | 'expired' {
  if (session.status !== 'active') return session.status;
  return session.expireAt > now ? 'active' : 'expired';
}

export function activeSessionsOfClient(store: EmulatorStore, clientId: string, now: number): StoredSession[] {
  return store.sessionsOfClient(clientId).filter((session) => isSessionActive(session, now));
}

export function clientForToken(store: EmulatorStore, clientToken: string | null): StoredClient | undefined {
  return clientToken ? store.clientByTokenHash(hashClientToken(clientToken)) : undefined;
}

export interface SignedInClient {
  clientToken: string;
  client: StoredClient;
  session: StoredSession;
}

/** A new browser (client) with a session of `user` on it: what a sign-in in a fresh browser leaves behind. */
export function startSession(store: EmulatorStore, user: StoredUser, now: number): SignedInClient {
  const { token, client } = createClient(store, now);
  return { clientToken: token, client, session: startSessionOnClient(store, client, user, now) };
}

/** A session of the caller's client, whatever its status; another client's sessions do not exist for it. */
export function requireClientSession(store: EmulatorStore, client: StoredClient, sessionId: string): StoredSession {
  const session = store.sessionById(sessionId);
  if (session?.clientId !== client.id) {
    throw new EmulatorError(404, 'session_not_found', 'No such session on this client.');
  }
  return session;
}

/**
 * The caller's session `sessionId`, which must belong to its client. Ended and
 * expired sessions are refused: a signed-out browser gets no more tokens.
 */
export function requireActiveSession(store: EmulatorStore, client: StoredClient, sessionId: string, now: number): StoredSession {
  const session = requireClientSession(store, client, sessionId);
  const status = sessionStatus(session, now);
  if (status === 'ended') throw new EmulatorError(401, 'session_ended', 'This session has ended; sign in again.');
  if (status === 'revoked')
    throw new EmulatorError(401, 'session_revoked', 'This session was signed out from another device or by the server; sign in again.');
  if (status === 'expired') throw new EmulatorError(401, 'session_expired', 'This session has expired; sign in again.');
  return session;
}

/** Sets the session's active organization (null = the personal account); members only. */
export function setActiveOrganization(store: EmulatorStore, session: StoredSession, organizationId: string | null, now: number): void {
  if (organizationId !== null && !store.membership(session.userId, organizationId)) {
    throw new EmulatorError(403, 'not_a_member', 'You are not a member of this organization.');
  }
  store.update(() => {
    session.lastActiveOrganizationId = organizationId;
    session.lastActiveAt = now;
    session.updatedAt = now;
  });
}

export function endSession(store: EmulatorStore, session: StoredSession, now: number): void {
  store.update(() => endInPlace(session, now));
}

/**
 * "Sign out of all other devices" after a password change or reset: every
 * active session of the user ends but `keepSessionId` (null: none kept).
 */
export function endOtherSessionsOfUser(store: EmulatorStore, userId: string, keepSessionId: string | null, now: number): void {
  store.update((data) => {
    for (const session of data.sessions) {
      if (session.userId === userId && session.id !== keepSessionId && isSessionActive(session, now)) endInPlace(session, now);
    }
  });
}

/** Records activity when a token is minted, as Clerk does on each token refresh. */
export function recordActivity(store: EmulatorStore, session: StoredSession, user: StoredUser, now: number): void {
  store.update(() => {
    session.lastActiveAt = now;
    user.lastActiveAt = now;
  });
}

function endInPlace(session: StoredSession, now: number, status: 'ended' | 'revoked' = 'ended'): void {
  if (session.status !== 'active') return;
  session.status = status;
  session.updatedAt = now;
}

/**
 * Ends sessions from outside the browser (the Backend API's revoke, a ban): `revoked`, which Clerk tells
 * apart from a sign-out, and which sends `session.revoked`. An ended or revoked session stays as it is.
 */
export function revokeSessions(store: EmulatorStore, sessions: readonly StoredSession[], now: number): void {
  store.update(() => sessions.forEach((session) => endInPlace(session, now, 'revoked')));
}

/**
 * Signs a user in on the browser's existing client (Clerk's Frontend API
 * model: the client outlives its sessions). Single-session mode: the client's
 * other sessions end, so one browser never holds two signed-in users.
 */
export function startSessionOnClient(store: EmulatorStore, client: StoredClient, user: StoredUser, now: number): StoredSession {
  const session: StoredSession = {
    id: newId('sess'),
    clientId: client.id,
    userId: user.id,
    status: 'active',
    lastActiveOrganizationId: null,
    lastActiveAt: now,
    expireAt: now + SESSION_LIFETIME_MS,
    createdAt: now,
    updatedAt: now,
  };
  store.update((data) => {
    for (const old of data.sessions) if (old.clientId === client.id) endInPlace(old, now);
    data.sessions.push(session);
    client.updatedAt = now;
    user.lastSignInAt = now;
    user.lastActiveAt = now;
    user.updatedAt = now;
  });
  return session;
}

/** A new client for a browser, identified by the returned token (Clerk's dev-browser id). */
export function createClient(store: EmulatorStore, now: number): { token: string; client: StoredClient } {
  const token = newClientToken();
  const client: StoredClient = { id: newId('client'), tokenHash: hashClientToken(token), createdAt: now, updatedAt: now };
  store.update((data) => data.clients.push(client));
  return { token, client };
}
