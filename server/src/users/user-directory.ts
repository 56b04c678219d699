import type { ClerkClient, User } from '@clerk/express';
import { RoleSchema, type Roles } from '#shared/session-claims';
import {
  BACKEND_API_BUDGET_MS,
  backendGateOf,
  callBackendApi,
  upstreamUnavailable,
  type BackendCallOptions,
  type BackendGate,
} from '../clerk-backend/backend-call.ts';

/**
 * A user as the app may use it: an allow-list of Clerk's user fields. Private
 * and unsafe metadata never leave this module.
 */
export interface DirectoryUser {
  id: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  primaryEmail: string | null;
  imageUrl: string;
  role: Roles | null;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface UserSearch {
  /** Clerk matches it against ids, names and email addresses; empty lists everyone. */
  query: string;
  limit: number;
  offset: number;
}

export interface UserPage {
  users: DirectoryUser[];
  /** Every user matching the query, across pages. */
  totalCount: number;
}

export interface FindUserOptions {
  /**
   * How old a cached answer may be (see `withUserCache`). Authorization asks
   * for a recent one; the directory itself always reads the Backend API.
   */
  maxAgeMs?: number;
  /**
   * A read of its own, started now: it joins no call already in flight (which
   * may have been answered before the latest write) and no cached answer.
   * For decisions that must see every write made before they began: a role
   * change, inside its lock.
   */
  readNow?: boolean;
}

export interface UserName {
  firstName: string;
  lastName: string;
}

/** Every method answers null where Clerk does not know the id (e.g. deleted since the token was issued). */
export interface UserDirectory {
  findUser(userId: string, options?: FindUserOptions): Promise<DirectoryUser | null>;
  /** Newest first. */
  searchUsers(search: UserSearch): Promise<UserPage>;
  /** Sets the app role in public metadata, or removes it with null; other metadata is left alone. */
  setRole(userId: string, role: Roles | null): Promise<DirectoryUser | null>;
  setName(userId: string, name: UserName): Promise<DirectoryUser | null>;
}

export interface UserDirectoryOptions {
  /** A Backend API call's whole budget, retries included (see callBackendApi). */
  timeoutMs?: number;
  /** The Backend API's circuit and calls in flight; by default the one of `clerkClient`, shared with every directory using it. */
  gate?: BackendGate;
}

/**
 * The app's only door to Clerk's Backend API for users. Failures of the
 * Backend API become a 503 `upstream_unavailable` (see callBackendApi), as do
 * answers that are not users; Clerk refusing a name the user typed is their
 * 400 `validation_failed`, at the field Clerk names. Concurrent identical
 * calls share one (keyed by method, path and what is sent).
 */
export function createUserDirectory(clerkClient: ClerkClient, options: UserDirectoryOptions = {}): UserDirectory {
  const timeoutMs = options.timeoutMs ?? BACKEND_API_BUDGET_MS;
  const gate = options.gate ?? backendGateOf(clerkClient);
  // Without a key (null) a call shares nothing, yet still counts for (and is refused by) the circuit.
  const call = <T>(key: string | null, request: () => Promise<T>, callOptions: BackendCallOptions = {}) =>
    callBackendApi(request, timeoutMs, { ...callOptions, gate, ...(key === null ? {} : { key }) });
  const userOrNull = async (key: string | null, request: () => Promise<User>, callOptions: BackendCallOptions = {}) => {
    const user = await call(key, request, callOptions);
    return user === null ? null : toDirectoryUser(user);
  };
  return {
    findUser: (userId, { readNow = false } = {}) => userOrNull(readNow ? null : `GET /v1/users/${userId}`, () => clerkClient.users.getUser(userId)),

    async searchUsers({ query, limit, offset }) {
      const params = { ...(query ? { query } : {}), limit, offset, orderBy: '-created_at' as const };
      const page = await call(`GET /v1/users ${JSON.stringify(params)}`, () => clerkClient.users.getUserList(params));
      if (!Array.isArray(page?.data) || typeof page.totalCount !== 'number') {
        throw upstreamUnavailable(new Error('The Backend API answered with something that is not a user list'));
      }
      return { users: page.data.map(toDirectoryUser), totalCount: page.totalCount };
    },

    // Clerk deep-merges metadata and deletes a key sent as null, so this
    // touches the role alone and never races other public metadata writes.
    setRole: (userId, role) =>
      userOrNull(`PATCH /v1/users/${userId}/metadata ${JSON.stringify(role)}`, () =>
        clerkClient.users.updateUserMetadata(userId, { publicMetadata: roleMetadata(role) }),
      ),

    setName: (userId, { firstName, lastName }) =>
      userOrNull(
        `PATCH /v1/users/${userId} ${JSON.stringify([firstName, lastName])}`,
        () => clerkClient.users.updateUser(userId, { firstName, lastName }),
        { inputFields: NAME_FIELDS },
      ),
  };
}

/** Clerk's parameter names for what `setName` sends, as the profile form names its fields. */
const NAME_FIELDS = { first_name: 'firstName', last_name: 'lastName' } as const;

/**
 * UserPublicMetadata (shared/session-claims.ts) types what is stored, where a
 * role is never null; on the way in, null is Clerk's "delete this key".
 */
function roleMetadata(role: Roles | null): UserPublicMetadata {
  return { role } as UserPublicMetadata;
}

// The SDK types the Backend API's answer; it is checked anyway, so a surprising
// answer is a clear 502 rather than a TypeError further on.
/* eslint-disable @typescript-eslint/no-unnecessary-condition -- see above */
function toDirectoryUser(user: User): DirectoryUser {
  if (typeof user?.id !== 'string' || typeof user.createdAt !== 'number') {
    throw upstreamUnavailable(new Error('The Backend API answered with something that is not a user'));
  }
  const role = RoleSchema.safeParse(user.publicMetadata?.role);
  return {
    id: user.id,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    fullName: user.fullName ?? null,
    primaryEmail: user.primaryEmailAddress?.emailAddress ?? null,
    imageUrl: user.imageUrl ?? '',
    role: role.success ? role.data : null,
    createdAt: new Date(user.createdAt),
    lastSignInAt: typeof user.lastSignInAt === 'number' ? new Date(user.lastSignInAt) : null,
  };
}
/* eslint-enable @typescript-eslint/no-unnecessary-condition */
