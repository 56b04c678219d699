/**
 * The organization roles of the local instance, as they would be configured in
 * the Clerk dashboard. They are code, not data: editing them here applies to
 * every stored membership on the next start, as a dashboard change would.
 */
export interface OrganizationRole {
  key: string;
  name: string;
  permissions: readonly string[];
}

export const ORGANIZATION_ROLES = {
  'org:admin': {
    key: 'org:admin',
    name: 'Admin',
    permissions: ['org:posts:manage', 'org:sys_memberships:read', 'org:sys_memberships:manage', 'org:sys_profile:manage', 'org:sys_profile:delete'],
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
