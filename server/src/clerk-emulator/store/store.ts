import type { StoredApplicationInvitation } from './application-invitation-schema.ts';
import type { StoredInvitation, StoredMembership, StoredOrganization } from './organization-schema.ts';
import type { StoredClient, StoredSession, StoredSignInToken } from './session-schema.ts';
import type { StoreData } from './store-data.ts';
import { readStoreFile, StoreFile, type StoreOptions } from './store-file.ts';
import type { StoredEmailCode, StoredUser } from './user-schema.ts';
import type { StoredWaitlistEntry } from './waitlist-schema.ts';

/**
 * The Clerk emulator's store: its data in memory (store-data.ts, with a schema
 * module per entity), the lookups the APIs share, and the observers told of
 * each change before store-file.ts writes it.
 */

// The record types, re-exported so the many modules that read the store import it from one place.
export type { StoredApplicationInvitation } from './application-invitation-schema.ts';
export type { StoredInvitation, StoredMembership, StoredOrganization } from './organization-schema.ts';
export type { StoredClient, StoredSession, StoredSignInToken } from './session-schema.ts';
export type { StoreData } from './store-data.ts';
export type { StoredEmailCode, StoredPasskey, StoredUser } from './user-schema.ts';
export type { StoredWaitlistEntry } from './waitlist-schema.ts';

/** Told of every change before it is persisted, with the users, organizations and memberships as they were. */
export type StoreObserver = (before: StoreData, after: StoreData) => void;

export class EmulatorStore {
  readonly data: StoreData;
  private readonly observers: StoreObserver[] = [];
  private readonly file: StoreFile;

  constructor(dataDir: string, data: StoreData, options: StoreOptions = {}) {
    this.data = data;
    this.file = new StoreFile(dataDir, data, options);
  }

  /** The store's file; uploaded images sit beside it. */
  get path(): string {
    return this.file.path;
  }

  /**
   * Applies a change and schedules its write. Observers (the webhook outbox,
   * which writes synchronously) hear of it first, so an event is never lost
   * to a crash before the store's write: at worst it describes a change the
   * store did not keep.
   */
  update<T>(change: (data: StoreData) => T): T {
    const before = this.observers.length > 0 ? snapshotOfDirectory(this.data) : null;
    const result = change(this.data);
    if (before) for (const observer of this.observers) observer(before, this.data);
    this.file.scheduleWrite();
    return result;
  }

  /** Writes every change made so far; the emulator's shutdown awaits it. */
  flush(): Promise<void> {
    return this.file.flush();
  }

  /** Returns the function that stops the observing. */
  observe(observer: StoreObserver): () => void {
    this.observers.push(observer);
    return () => {
      const index = this.observers.indexOf(observer);
      if (index >= 0) this.observers.splice(index, 1);
    };
  }

  /** A synchronous write, for a new store's first one. */
  persist(): void {
    this.file.writeNow();
  }

  userById(id: string): StoredUser | undefined {
    return this.data.users.find((user) => user.id === id);
  }

  /** The first user with this address in any state; the emulator's own checks use userByVerifiedEmail (tests look seeded accounts up here). */
  userByEmail(email: string): StoredUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.data.users.find((user) => user.emailAddresses.some((address) => address.emailAddress === wanted));
  }

  /** The user whose verified address this is: only a verified address identifies someone (sign-in, sign-up, adding an address). */
  userByVerifiedEmail(email: string): StoredUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.data.users.find((user) => user.emailAddresses.some((address) => address.emailAddress === wanted && address.verifiedBy !== null));
  }

  emailCode(emailAddressId: string): StoredEmailCode | undefined {
    return this.data.emailCodes.find((code) => code.emailAddressId === emailAddressId);
  }

  organizationByIdOrSlug(idOrSlug: string): StoredOrganization | undefined {
    return this.data.organizations.find((org) => org.id === idOrSlug || org.slug === idOrSlug);
  }

  membershipsOfUser(userId: string): StoredMembership[] {
    return this.data.memberships.filter((membership) => membership.userId === userId);
  }

  membershipsOfOrganization(organizationId: string): StoredMembership[] {
    return this.data.memberships.filter((membership) => membership.organizationId === organizationId);
  }

  membership(userId: string, organizationId: string): StoredMembership | undefined {
    return this.data.memberships.find((m) => m.userId === userId && m.organizationId === organizationId);
  }

  clientByTokenHash(tokenHash: string): StoredClient | undefined {
    return this.data.clients.find((client) => client.tokenHash === tokenHash);
  }

  sessionById(id: string): StoredSession | undefined {
    return this.data.sessions.find((session) => session.id === id);
  }

  invitationById(id: string): StoredInvitation | undefined {
    return this.data.invitations.find((invitation) => invitation.id === id);
  }

  signInTokenById(id: string): StoredSignInToken | undefined {
    return this.data.signInTokens.find((token) => token.id === id);
  }

  waitlistEntryById(id: string): StoredWaitlistEntry | undefined {
    return this.data.waitlistEntries.find((entry) => entry.id === id);
  }

  applicationInvitationById(id: string): StoredApplicationInvitation | undefined {
    return this.data.applicationInvitations.find((invitation) => invitation.id === id);
  }

  sessionsOfClient(clientId: string): StoredSession[] {
    return this.data.sessions.filter((session) => session.clientId === clientId);
  }
}

/**
 * A copy of what webhooks describe (users, organizations, memberships,
 * invitations, waitlist entries, sessions), taken before each change; clients are left out, as
 * no event compares them.
 */
function snapshotOfDirectory(data: StoreData): StoreData {
  const { users, organizations, memberships, invitations, waitlistEntries } = data;
  // Sessions shallowly (their fields are scalars), for the session.* events of a status change.
  return {
    ...structuredClone({ users, organizations, memberships, invitations, waitlistEntries }),
    version: 1,
    clients: [],
    emailCodes: [],
    signInTokens: [],
    applicationInvitations: [],
    sessions: data.sessions.map((session) => ({ ...session })),
  };
}

/** The store of `dataDir`, or null when there is none yet (store-file.ts: an unreadable file throws). */
export function readStore(dataDir: string, options: StoreOptions = {}): EmulatorStore | null {
  const data = readStoreFile(dataDir);
  return data && new EmulatorStore(dataDir, data, options);
}

/** A new store, written at once, so the data folder holds it before anything else happens. */
export function createStore(dataDir: string, data: StoreData, options: StoreOptions = {}): EmulatorStore {
  const store = new EmulatorStore(dataDir, data, options);
  store.persist();
  return store;
}
