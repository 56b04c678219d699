import { POSTS_MANAGE_PERMISSION } from './posts.ts';

/**
 * The organization roles of the local instance, as they would be configured in
 * the Clerk dashboard: Clerk's two default roles with the app's custom
 * permission. The one table: the Clerk emulator grants these, and the API's and
 * the SPA's tests build their tokens and memberships from it, so a change here
 * changes all three. Code, not stored data: the emulator applies an edit to
 * every stored membership on its next start, as a dashboard change would.
 */
export interface OrganizationRole {
  key: string;
  name: string;
  /** Clerk permission keys. System ones (`org:sys_*`) gate Clerk's own components and never reach a session token. */
  permissions: readonly string[];
}

export const ORGANIZATION_ROLES = {
  'org:admin': {
    key: 'org:admin',
    name: 'Admin',
    permissions: [
      POSTS_MANAGE_PERMISSION,
      'org:sys_memberships:read',
      'org:sys_memberships:manage',
      'org:sys_profile:manage',
      'org:sys_profile:delete',
    ],
  },
  'org:member': {
    key: 'org:member',
    name: 'Member',
    permissions: ['org:sys_memberships:read'],
  },
} as const satisfies Record<string, OrganizationRole>;

export type OrganizationRoleKey = keyof typeof ORGANIZATION_ROLES;

export const ORGANIZATION_ROLE_KEYS = Object.keys(ORGANIZATION_ROLES) as [OrganizationRoleKey, ...OrganizationRoleKey[]];

export function organizationRole(key: OrganizationRoleKey): OrganizationRole {
  return ORGANIZATION_ROLES[key];
}

/** The permissions a session token carries for `key`: the system ones are Clerk's business, not the token's. */
export function tokenPermissions(key: OrganizationRoleKey): string[] {
  return ORGANIZATION_ROLES[key].permissions.filter((permission) => !permission.startsWith('org:sys_'));
}
