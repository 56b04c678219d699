import type { LocalClient, LocalMembership, LocalOrganization, LocalSession, LocalUser } from '#shared/local-identity-protocol';
import type { LocalTokenResource } from './jwt.ts';

/**
 * Clerk-shaped resources built from the Frontend API's answers: the members
 * @clerk/react's hooks and this app's UI read (see deriveState and the hooks
 * in @clerk/shared/react), not all of clerk-js's resource classes.
 */
export interface LocalOrganizationResource {
  id: string;
  name: string;
  slug: string;
  imageUrl: string;
  hasImage: boolean;
  publicMetadata: Record<string, unknown>;
}

export interface LocalMembershipResource {
  id: string;
  role: string;
  roleName: string;
  permissions: string[];
  organization: LocalOrganizationResource;
  publicMetadata: Record<string, unknown>;
}

export interface LocalEmailAddressResource {
  id: string;
  emailAddress: string;
  toString(): string;
}

interface Page<T> {
  data: T[];
  total_count: number;
}

export interface LocalUserResource {
  id: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  username: null;
  primaryEmailAddressId: string;
  primaryEmailAddress: LocalEmailAddressResource | null;
  emailAddresses: LocalEmailAddressResource[];
  imageUrl: string;
  hasImage: boolean;
  publicMetadata: Record<string, unknown>;
  unsafeMetadata: Record<string, unknown>;
  organizationMemberships: LocalMembershipResource[];
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
  /** `useOrganizationList({ userMemberships })` pages through this. */
  getOrganizationMemberships(params?: { initialPage?: number; pageSize?: number }): Promise<Page<LocalMembershipResource>>;
  getOrganizationInvitations(): Promise<Page<never>>;
  getOrganizationSuggestions(): Promise<Page<never>>;
  /** Asks the identity server for this user again (after a change made through the Backend API) and publishes it. */
  reload(): Promise<LocalUserResource | null>;
}

export interface GetTokenOptions {
  skipCache?: boolean;
  template?: string;
  organizationId?: string | null;
}

export interface LocalSessionResource {
  id: string;
  status: 'active';
  user: LocalUserResource;
  lastActiveOrganizationId: string | null;
  lastActiveToken: LocalTokenResource;
  /** Minutes since the first and second factor were verified; read by `has({ reverification })`. */
  factorVerificationAge: [number, number] | null;
  actor: null;
  createdAt: Date;
  updatedAt: Date;
  expireAt: Date;
  lastActiveAt: Date;
  getToken(options?: GetTokenOptions): Promise<string | null>;
}

export interface LocalClientResource {
  id: string | null;
  sessions: LocalSessionResource[];
  signedInSessions: LocalSessionResource[];
  activeSessions: LocalSessionResource[];
  lastActiveSessionId: string | null;
}

/** The snapshot behind `__internal_lastEmittedResources`: one object per emit. */
export interface LocalResources {
  client: LocalClientResource;
  session: LocalSessionResource | null;
  user: LocalUserResource | null;
  organization: LocalOrganizationResource | null;
}

export function toOrganizationResource(organization: LocalOrganization): LocalOrganizationResource {
  // The identity server draws an initials avatar for everyone: no uploaded image.
  return { ...organization, hasImage: false, publicMetadata: {} };
}

function toMembershipResource(membership: LocalMembership): LocalMembershipResource {
  return { ...membership, organization: toOrganizationResource(membership.organization), publicMetadata: {} };
}

function emailAddress(id: string, address: string): LocalEmailAddressResource {
  return { id, emailAddress: address, toString: () => address };
}

/** What a user resource can ask of the auth state it belongs to. */
export interface UserResourceActions {
  reload: () => Promise<LocalUserResource | null>;
}

export function toUserResource(user: LocalUser, actions: UserResourceActions): LocalUserResource {
  const emailAddresses = user.emailAddresses.map((entry) => emailAddress(entry.id, entry.emailAddress));
  const memberships = user.organizationMemberships.map(toMembershipResource);
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ') || null;
  const emptyPage = () => Promise.resolve({ data: [], total_count: 0 });
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName,
    username: null,
    primaryEmailAddressId: user.primaryEmailAddressId,
    primaryEmailAddress: emailAddresses.find((entry) => entry.id === user.primaryEmailAddressId) ?? null,
    emailAddresses,
    imageUrl: user.imageUrl,
    hasImage: false,
    publicMetadata: user.publicMetadata,
    unsafeMetadata: {},
    organizationMemberships: memberships,
    createdAt: new Date(user.createdAt),
    updatedAt: new Date(user.updatedAt),
    lastSignInAt: user.lastSignInAt === null ? null : new Date(user.lastSignInAt),
    getOrganizationMemberships: ({ initialPage = 1, pageSize = 10 } = {}) =>
      Promise.resolve({ data: memberships.slice((initialPage - 1) * pageSize, initialPage * pageSize), total_count: memberships.length }),
    // The local instance has no invitations or domain suggestions.
    getOrganizationInvitations: emptyPage,
    getOrganizationSuggestions: emptyPage,
    reload: actions.reload,
  };
}

export interface SessionResourceInput {
  session: LocalSession;
  user: LocalUserResource;
  token: LocalTokenResource;
  getToken: (options?: GetTokenOptions) => Promise<string | null>;
}

export function toSessionResource({ session, user, token, getToken }: SessionResourceInput): LocalSessionResource {
  return {
    id: session.id,
    status: 'active',
    user,
    lastActiveOrganizationId: session.lastActiveOrganizationId,
    lastActiveToken: token,
    factorVerificationAge: token.jwt.claims.fva ?? null,
    actor: null,
    createdAt: new Date(session.createdAt),
    updatedAt: new Date(session.updatedAt),
    expireAt: new Date(session.expireAt),
    lastActiveAt: new Date(session.updatedAt),
    getToken,
  };
}

export function toClientResource(client: LocalClient | null, active: LocalSessionResource | null): LocalClientResource {
  const sessions = active ? [active] : [];
  return {
    id: client?.id ?? null,
    sessions,
    signedInSessions: sessions,
    activeSessions: sessions,
    lastActiveSessionId: active?.id ?? null,
  };
}

/** The active organization of a session, if the user is still a member of it. */
export function activeOrganizationOf(user: LocalUserResource, organizationId: string | null): LocalOrganizationResource | null {
  if (!organizationId) return null;
  return user.organizationMemberships.find((membership) => membership.organization.id === organizationId)?.organization ?? null;
}
