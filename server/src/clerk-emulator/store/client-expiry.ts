import { isSessionActive } from './sessions.ts';
import type { EmulatorStore, StoredClient } from './store.ts';

/**
 * Clients (dev browsers) that are never used are let go, so the store stays
 * small: every new browser profile, private window or end-to-end test context
 * makes one, and most never sign in. Clerk keeps its clients for a while
 * too; these bounds are the emulator's own:
 * - a client that never had a session goes after a day without a call;
 * - a client whose sessions all ended or expired goes, with them, after 30 days without a call.
 * A client with an active session stays (its session expires by itself, see SESSION_LIFETIME_MS).
 */
export const UNUSED_CLIENT_IDLE_MS = 24 * 60 * 60 * 1000;
export const SIGNED_OUT_CLIENT_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** Activity is recorded to the minute: a write per call would be one per token refresh of every tab. */
export const CLIENT_ACTIVITY_RESOLUTION_MS = 60_000;

export function clientLastActiveAt(client: StoredClient): number {
  return client.lastActiveAt ?? client.updatedAt;
}

/** Notes that the browser of `client` called, at most once per CLIENT_ACTIVITY_RESOLUTION_MS. */
export function recordClientActivity(store: EmulatorStore, client: StoredClient, now: number): void {
  if (now - clientLastActiveAt(client) < CLIENT_ACTIVITY_RESOLUTION_MS) return;
  store.update(() => {
    client.lastActiveAt = now;
  });
}

/** Removes the clients past their bound, and their sessions; answers the ids removed (their attempts go too). */
export function removeIdleClients(store: EmulatorStore, now: number): string[] {
  const idle = new Set(store.data.clients.filter((client) => isIdle(store, client, now)).map((client) => client.id));
  if (idle.size === 0) return [];
  store.update((data) => {
    data.clients = data.clients.filter((client) => !idle.has(client.id));
    data.sessions = data.sessions.filter((session) => !idle.has(session.clientId));
  });
  return [...idle];
}

function isIdle(store: EmulatorStore, client: StoredClient, now: number): boolean {
  const sessions = store.sessionsOfClient(client.id);
  if (sessions.some((session) => isSessionActive(session, now))) return false;
  const idleFor = now - clientLastActiveAt(client);
  return idleFor > (sessions.length === 0 ? UNUSED_CLIENT_IDLE_MS : SIGNED_OUT_CLIENT_IDLE_MS);
}
