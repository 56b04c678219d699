import type { LocalMembership, LocalOrganization, LocalUser } from '#shared/local-identity-protocol';
import { env } from '@/config/env.ts';

/**
 * The seeded accounts of the local identity server, as fixed test data: the
 * same names, emails, app roles and memberships, with stable ids so tests can
 * assert on them. Permissions follow the server's role definitions.
 */
export type FixtureUserKey = 'admin' | 'moderator' | 'member' | 'orgAdmin' | 'outsider';

export const FIXTURE_PASSWORD = 'local-dev-password';

const ROLE_DEFINITIONS = {
  'org:admin': {
    name: 'Admin',
    permissions: ['org:posts:manage', 'org:sys_memberships:read', 'org:sys_memberships:manage', 'org:sys_profile:manage'],
  },
  'org:member': { name: 'Member', permissions: ['org:sys_memberships:read'] },
} as const;

type FixtureRole = keyof typeof ROLE_DEFINITIONS;

export const FIXTURE_ORGANIZATIONS = {
  acme: { id: 'org_fixture_acme', name: 'Acme Inc', slug: 'acme' },
  globex: { id: 'org_fixture_globex', name: 'Globex', slug: 'globex' },
} as const;

export type FixtureOrganizationSlug = keyof typeof FIXTURE_ORGANIZATIONS;

export interface FixtureUser {
  /** The seed's name for the account; null for users who signed up during a test. */
  key: FixtureUserKey | null;
  id: string;
  firstName: string;
  lastName: string | null;
  emailAddress: string;
  password: string;
  publicMetadata: Record<string, unknown>;
  memberships: { organization: FixtureOrganizationSlug; role: FixtureRole }[];
  createdAt: number;
}

const SEEDED_AT = Date.UTC(2025, 0, 15, 9, 30);

function seeded(key: FixtureUserKey, fields: Omit<FixtureUser, 'key' | 'id' | 'password' | 'createdAt'>, index: number): FixtureUser {
  return { key, id: `user_fixture_${key.toLowerCase()}`, password: FIXTURE_PASSWORD, createdAt: SEEDED_AT + index, ...fields };
}

export const SEEDED_FIXTURE_USERS: Record<FixtureUserKey, FixtureUser> = {
  admin: seeded('admin', {
    firstName: 'Ada',
    lastName: 'Lovelace',
    emailAddress: 'admin@example.com',
    publicMetadata: { role: 'admin' },
    memberships: [{ organization: 'globex', role: 'org:admin' }],
  }, 0),
  moderator: seeded('moderator', {
    firstName: 'Grace',
    lastName: 'Hopper',
    emailAddress: 'moderator@example.com',
    publicMetadata: { role: 'moderator' },
    memberships: [{ organization: 'acme', role: 'org:member' }],
  }, 1),
  member: seeded('member', {
    firstName: 'Alan',
    lastName: 'Turing',
    emailAddress: 'member@example.com',
    publicMetadata: {},
    memberships: [{ organization: 'acme', role: 'org:member' }],
  }, 2),
  orgAdmin: seeded('orgAdmin', {
    firstName: 'Katherine',
    lastName: 'Johnson',
    emailAddress: 'orgadmin@example.com',
    publicMetadata: {},
    memberships: [{ organization: 'acme', role: 'org:admin' }],
  }, 3),
  outsider: seeded('outsider', {
    firstName: 'Edsger',
    lastName: 'Dijkstra',
    emailAddress: 'outsider@example.com',
    publicMetadata: {},
    memberships: [{ organization: 'globex', role: 'org:member' }],
  }, 4),
};

export function avatarUrlFor(id: string): string {
  return `${env.localIdentityUrl}/v1/avatars/${encodeURIComponent(id)}.svg`;
}

export function fixtureOrganization(slug: FixtureOrganizationSlug): LocalOrganization {
  const organization = FIXTURE_ORGANIZATIONS[slug];
  return { ...organization, imageUrl: avatarUrlFor(organization.id) };
}

export function fixtureMemberships(user: FixtureUser): LocalMembership[] {
  return user.memberships.map(({ organization, role }) => ({
    id: `orgmem_${user.id}_${organization}`,
    role,
    roleName: ROLE_DEFINITIONS[role].name,
    permissions: [...ROLE_DEFINITIONS[role].permissions],
    organization: fixtureOrganization(organization),
  }));
}

/** The user as the Frontend API shows it to the browser. */
export function fixtureLocalUser(user: FixtureUser): LocalUser {
  const emailId = `idn_${user.id}`;
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    imageUrl: avatarUrlFor(user.id),
    primaryEmailAddressId: emailId,
    emailAddresses: [{ id: emailId, emailAddress: user.emailAddress }],
    publicMetadata: structuredClone(user.publicMetadata),
    organizationMemberships: fixtureMemberships(user),
    createdAt: user.createdAt,
    updatedAt: user.createdAt,
    lastSignInAt: null,
  };
}
