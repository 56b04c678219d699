import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ORGANIZATION_ROLE_KEYS } from '#shared/organization-roles';
import { StoredApplicationInvitationSchema, type StoredApplicationInvitation } from './application-invitation-schema.ts';
import { CoalescedWriter } from './coalesced-writer.ts';
import { readTextIfExists, writeFileAtomically, writeFileAtomicallyAsync } from '../../common/files.ts';

/**
 * Everything the Clerk emulator knows, persisted as one JSON file under
 * the data folder. It is rewritten atomically (temp file, then rename), so a
 * crash never leaves half a file and a restart keeps users, organizations and
 * signed-in browsers; the writes are asynchronous and coalesced (at most one
 * every STORE_WRITE_DELAY_MS), and `flush()` on shutdown writes the last changes.
 */
const Metadata = z.record(z.string(), z.unknown());
const Timestamp = z.number().int();

const StoredTotpSchema = z.object({
  id: z.string(),
  /** Base32, as authenticator apps take it; the emulator is a local stand-in, so it is kept as is. */
  secret: z.string(),
  verified: z.boolean(),
  /** The last time step accepted, so one code is never accepted twice (RFC 6238, 5.2). */
  lastUsedCounter: z.number().int().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StoredBackupCodesSchema = z.object({
  id: z.string(),
  /** SHA-256 of each unused code: a code is shown once, and works once. */
  codeHashes: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A WebAuthn credential registered in `<UserProfile>` (store/passkeys.ts): its public key, never a secret. */
const StoredPasskeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The credential's id and COSE public key, base64url, as @simplewebauthn/server gives and takes them. */
  credentialId: z.string(),
  publicKey: z.string(),
  /** The authenticator's signature counter, so a cloned authenticator's older count is refused. */
  counter: z.number().int(),
  transports: z.array(z.string()),
  /** The relying party (the page's host) it was made for. */
  rpId: z.string(),
  lastUsedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StoredUserSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  primaryEmailAddressId: z.string(),
  emailAddresses: z.array(
    z.object({
      id: z.string(),
      emailAddress: z.string(),
      createdAt: Timestamp,
      // How it was verified, as Clerk records it; absent (seeded or Backend API users, older stores) is 'admin';
      // 'ticket': signed up through an invitation's link; null: added in <UserProfile> and not verified yet (its code, if sent, is in `emailCodes`).
      verifiedBy: z.enum(['admin', 'email_code', 'ticket']).nullable().optional(),
    }),
  ),
  /** Null once the user removed their password. */
  passwordHash: z.string().nullable(),
  /** When the user last set or changed it; absent or null for seeded and signed-up passwords. */
  passwordUpdatedAt: Timestamp.nullable().optional(),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  unsafeMetadata: Metadata,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastSignInAt: Timestamp.nullable(),
  lastActiveAt: Timestamp.nullable(),
  // Set through the Backend API's ban; absent in older stores.
  banned: z.boolean().optional(),
  // Two-step verification (store/second-factors.ts); absent in older stores and for users who never set it up.
  totp: StoredTotpSchema.optional(),
  backupCodes: StoredBackupCodesSchema.optional(),
  mfaEnabledAt: Timestamp.nullable().optional(),
  mfaDisabledAt: Timestamp.nullable().optional(),
  /** An uploaded profile image, a file in the data folder's images/ (store/images.ts); the generated avatar without one. */
  imageFile: z.string().optional(),
  // Absent in older stores and for users who never added one.
  passkeys: z.array(StoredPasskeySchema).optional(),
});

const StoredOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  createdBy: z.string().nullable(),
  /** An uploaded logo, as a user's imageFile. */
  imageFile: z.string().optional(),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StoredMembershipSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  userId: z.string(),
  role: z.enum(ORGANIZATION_ROLE_KEYS),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StoredClientSchema = z.object({
  id: z.string(),
  /** SHA-256 of the browser's client token; the token itself is never stored. */
  tokenHash: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The browser's last call (to the minute, see client-expiry.ts); absent in older stores, where updatedAt stands in. */
  lastActiveAt: Timestamp.optional(),
  /** The browser's User-Agent and address, for the active devices `<UserProfile>` lists (frontend-api/me-sessions-routes.ts). */
  userAgent: z.string().max(512).optional(),
  ipAddress: z.string().max(64).optional(),
});

const StoredSessionSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  userId: z.string(),
  // `revoked`: signed out from another device (`<UserProfile>`'s active devices), by the Backend API, or by a ban.
  status: z.enum(['active', 'ended', 'revoked']),
  lastActiveOrganizationId: z.string().nullable(),
  lastActiveAt: Timestamp,
  expireAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StoredInvitationSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  emailAddress: z.string(),
  role: z.enum(ORGANIZATION_ROLE_KEYS),
  inviterId: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked']),
  // Who accepted it: the user of `organizationInvitation.accepted`.
  acceptedUserId: z.string().optional(),
  // The email's link, with its sign-up ticket (store/invitations.ts); absent for invitations made before tickets.
  url: z.string().nullable().optional(),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  expiresAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A Backend API sign-in token (store/sign-in-tokens.ts): its ticket is derived from it, never stored. */
const StoredSignInTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  /** The organization active in the session it starts (Clerk's `org_id`), or null for the personal account. */
  organizationId: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked']),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** An address on the waitlist (store/waitlist.ts). */
const StoredWaitlistEntrySchema = z.object({
  id: z.string(),
  emailAddress: z.string(),
  status: z.enum(['pending', 'invited', 'rejected', 'completed']),
  /** When it was last invited (Backend API `order_by=invited_at`); null until then. */
  invitedAt: Timestamp.nullable(),
  /** The application invitation its last invite created; absent until invited, and in older stores. */
  invitationId: z.string().optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** The code sent to an added, unverified email address: persisted, so a restart does not void a code in someone's inbox. */
const StoredEmailCodeSchema = z.object({
  emailAddressId: z.string(),
  userId: z.string(),
  code: z.string(),
  attempts: z.number().int(),
  expireAt: Timestamp,
});

const StoreDataSchema = z.object({
  version: z.literal(1),
  users: z.array(StoredUserSchema),
  organizations: z.array(StoredOrganizationSchema),
  memberships: z.array(StoredMembershipSchema),
  clients: z.array(StoredClientSchema),
  sessions: z.array(StoredSessionSchema),
  // Absent in stores written before invitations were emulated.
  invitations: z.array(StoredInvitationSchema).default([]),
  // Absent from stores written before email addresses could be added.
  emailCodes: z.array(StoredEmailCodeSchema).default([]),
  // Absent from stores written before sign-in tokens were emulated.
  signInTokens: z.array(StoredSignInTokenSchema).default([]),
  // Absent from stores written before the waitlist was emulated.
  waitlistEntries: z.array(StoredWaitlistEntrySchema).default([]),
  // Absent from stores written before application invitations were emulated.
  applicationInvitations: z.array(StoredApplicationInvitationSchema).default([]),
});

export type StoredUser = z.infer<typeof StoredUserSchema>;
export type StoredPasskey = z.infer<typeof StoredPasskeySchema>;
export type StoredOrganization = z.infer<typeof StoredOrganizationSchema>;
export type StoredMembership = z.infer<typeof StoredMembershipSchema>;
export type StoredClient = z.infer<typeof StoredClientSchema>;
export type StoredSession = z.infer<typeof StoredSessionSchema>;
export type StoredInvitation = z.infer<typeof StoredInvitationSchema>;
export type StoredEmailCode = z.infer<typeof StoredEmailCodeSchema>;
export type StoredSignInToken = z.infer<typeof StoredSignInTokenSchema>;
export type StoredWaitlistEntry = z.infer<typeof StoredWaitlistEntrySchema>;
export type { StoredApplicationInvitation };
export type StoreData = z.infer<typeof StoreDataSchema>;

export const STORE_FILE = 'store.json';
export const STORE_WRITE_DELAY_MS = 200;

export interface StoreOptions {
  /** How long changes gather before one write carries them all. */
  writeDelayMs?: number;
  /** A failed background write; the changes stay pending and go with the next write. */
  onWriteError?: (error: unknown) => void;
}

export function emptyStoreData(): StoreData {
  return {
    version: 1,
    users: [],
    organizations: [],
    memberships: [],
    clients: [],
    sessions: [],
    invitations: [],
    emailCodes: [],
    signInTokens: [],
    waitlistEntries: [],
    applicationInvitations: [],
  };
}

/** Told of every change before it is persisted, with the users, organizations and memberships as they were. */
export type StoreObserver = (before: StoreData, after: StoreData) => void;

export class EmulatorStore {
  readonly path: string;
  readonly data: StoreData;
  private readonly observers: StoreObserver[] = [];
  private readonly writer: CoalescedWriter;

  constructor(dataDir: string, data: StoreData, options: StoreOptions = {}) {
    this.path = join(dataDir, STORE_FILE);
    this.data = data;
    const onWriteError = options.onWriteError ?? ((error: unknown) => console.error(`clerk emulator: could not write ${this.path}:`, error));
    this.writer = new CoalescedWriter(() => this.write(), options.writeDelayMs ?? STORE_WRITE_DELAY_MS, onWriteError);
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
    this.writer.schedule();
    return result;
  }

  /** Writes every change made so far; the emulator's shutdown awaits it. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** The data as it is when the write starts: later changes wait for the next one. */
  private write(): Promise<void> {
    return writeFileAtomicallyAsync(this.path, JSON.stringify(this.data, null, 2), { mode: 0o600 });
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
    writeFileAtomically(this.path, JSON.stringify(this.data, null, 2), { mode: 0o600 });
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

/**
 * Reads the store of `dataDir`, or returns null when there is none yet. A file
 * that exists but does not parse is an error, never a reason to start over:
 * silently reseeding would throw away the developer's users.
 */
export function readStore(dataDir: string, options: StoreOptions = {}): EmulatorStore | null {
  const path = join(dataDir, STORE_FILE);
  const text = readTextIfExists(path);
  if (text === null) return null;
  const parsed = StoreDataSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new Error(`The local emulator store ${path} is not valid (${parsed.error.issues[0]?.message ?? 'unreadable'}); delete it to reseed.`);
  }
  return new EmulatorStore(dataDir, parsed.data, options);
}

export function createStore(dataDir: string, data: StoreData, options: StoreOptions = {}): EmulatorStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = new EmulatorStore(dataDir, data, options);
  store.persist();
  return store;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
