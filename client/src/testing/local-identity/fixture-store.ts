import type { LocalClient, LocalSession } from '#shared/local-identity-protocol';
import {
  SEEDED_FIXTURE_USERS,
  fixtureLocalUser,
  type FixtureOrganizationSlug,
  type FixtureUser,
  type FixtureUserKey,
} from './fixture-data.ts';

/**
 * The in-memory state behind the local identity MSW handlers: users (the seed
 * plus anyone who signed up), browser clients and their sessions. Tests reset
 * it with `resetLocalIdentityFixtures()` and may read it to assert on what the
 * server was told (for example, that sign-out ended the session).
 */
export interface FixtureSession {
  id: string;
  clientId: string;
  userId: string;
  status: 'active' | 'ended';
  lastActiveOrganizationId: string | null;
  createdAt: number;
  updatedAt: number;
}

interface FixtureClient {
  id: string;
  token: string;
}

const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

let users: FixtureUser[] = [];
let clients: FixtureClient[] = [];
let sessions: FixtureSession[] = [];
let counter = 0;

export function resetLocalIdentityFixtures(): void {
  users = Object.values(SEEDED_FIXTURE_USERS).map((user) => structuredClone(user));
  clients = [];
  sessions = [];
}
resetLocalIdentityFixtures();

function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}_fixture${counter.toString().padStart(6, '0')}`;
}

/** Client tokens look like the server's: 43 base64url characters. */
function nextClientToken(): string {
  counter += 1;
  return `fixture-client-token-${counter.toString().padStart(6, '0')}`.padEnd(43, 'x');
}

export function fixtureUserById(id: string): FixtureUser | undefined {
  return users.find((user) => user.id === id);
}

/** Everyone the identity server knows, seeded or signed up during the test. */
export function listFixtureUsers(): readonly FixtureUser[] {
  return users;
}

/** A change made through the Backend API (a name, an app role): later Frontend API answers and tokens show it. */
export function updateFixtureUser(id: string, changes: Partial<Pick<FixtureUser, 'firstName' | 'lastName' | 'publicMetadata'>>): FixtureUser {
  const user = fixtureUserById(id);
  if (!user) throw new Error(`No fixture user ${id}.`);
  Object.assign(user, changes);
  return user;
}

export function fixtureUserByEmail(emailAddress: string): FixtureUser | undefined {
  return users.find((user) => user.emailAddress === emailAddress.toLowerCase());
}

export function addFixtureUser(fields: Pick<FixtureUser, 'firstName' | 'lastName' | 'emailAddress' | 'password'>): FixtureUser {
  const id = nextId('user');
  const user: FixtureUser = { ...fields, key: null, id, publicMetadata: {}, memberships: [], createdAt: Date.now() };
  users.push(user);
  return user;
}

export function fixtureClientByToken(token: string | null): FixtureClient | undefined {
  return token ? clients.find((client) => client.token === token) : undefined;
}

export function fixtureSession(sessionId: string): FixtureSession | undefined {
  return sessions.find((session) => session.id === sessionId);
}

/** Signs a user in on a new client; the previous client (if any) is retired, as on the server. */
export function startFixtureSession(user: FixtureUser, previous: FixtureClient | undefined, activeOrganizationId: string | null = null) {
  const now = Date.now();
  if (previous) {
    for (const session of sessions) if (session.clientId === previous.id) session.status = 'ended';
    clients = clients.filter((client) => client !== previous);
  }
  const client: FixtureClient = { id: nextId('client'), token: nextClientToken() };
  const session: FixtureSession = {
    id: nextId('sess'),
    clientId: client.id,
    userId: user.id,
    status: 'active',
    lastActiveOrganizationId: activeOrganizationId,
    createdAt: now,
    updatedAt: now,
  };
  clients.push(client);
  sessions.push(session);
  return { client, session };
}

/** A signed-in browser for a seeded user, optionally with an active organization. */
export function createFixtureClient(userKey: FixtureUserKey, options: { activeOrgSlug?: FixtureOrganizationSlug } = {}) {
  const user = fixtureUserById(SEEDED_FIXTURE_USERS[userKey].id);
  if (!user) throw new Error(`Fixture user ${userKey} is missing; did a test remove it?`);
  const membership = options.activeOrgSlug ? fixtureLocalUser(user).organizationMemberships.find((m) => m.organization.slug === options.activeOrgSlug) : undefined;
  if (options.activeOrgSlug && !membership) throw new Error(`${userKey} is not a member of ${options.activeOrgSlug}.`);
  const { client, session } = startFixtureSession(user, undefined, membership?.organization.id ?? null);
  return { clientToken: client.token, sessionId: session.id, userId: user.id };
}

function toLocalSession(session: FixtureSession, user: FixtureUser): LocalSession {
  return {
    id: session.id,
    status: session.status,
    lastActiveOrganizationId: session.lastActiveOrganizationId,
    user: fixtureLocalUser(user),
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    expireAt: session.createdAt + SESSION_LIFETIME_MS,
  };
}

/** The client as the Frontend API answers it: active sessions only, the last one current. */
export function toLocalClient(client: FixtureClient): LocalClient {
  const active = sessions
    .filter((session) => session.clientId === client.id && session.status === 'active')
    .flatMap((session) => {
      const user = fixtureUserById(session.userId);
      return user ? [toLocalSession(session, user)] : [];
    });
  return { id: client.id, sessions: active, lastActiveSessionId: active.at(-1)?.id ?? null };
}
