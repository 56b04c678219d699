import { roleFromClaims } from '#shared/session-claims';
import { organizationRole, type OrganizationRoleKey } from '../clerk-emulator/store/roles.ts';
import { SEED_MEMBERSHIPS, SEED_ORGANIZATIONS, SEED_USERS, type SeedUser } from '../clerk-emulator/store/seed.ts';
import type { ActiveOrganizationClaim } from '../clerk-emulator/tokens/session-token.ts';
import type { Actor } from '../posts/post-policy.ts';
import type { AuthFixtures } from './auth-fixtures.ts';

export const ORG_IDS = { acme: 'org_test_acme', globex: 'org_test_globex' } as const;

/**
 * The people of the authorization tests, as the Clerk emulator would
 * sign them in: the seeded accounts with their app roles (public metadata) and
 * their organization, active, with the permissions its role grants in
 * roles.ts. Two more are not seeded, because each seeded Acme member already
 * plays another part: the author of the posts under test (a plain Acme member)
 * and a user who belongs to no organization.
 */
export const PERSONAS = {
  author: { user: 'user_test_author', metadata: {}, organization: membership('acme', 'org:member') },
  otherUser: { user: 'user_test_stranger', metadata: {}, organization: null },
  moderator: seeded('moderator'),
  admin: seeded('admin'),
  orgAdmin: seeded('orgAdmin'),
  orgMember: seeded('member'),
  otherOrgMember: seeded('outsider'),
} satisfies Record<string, Persona>;

export interface Persona {
  user: string;
  metadata: Record<string, unknown>;
  organization: ActiveOrganizationClaim | null;
}

/** A real session token for `persona`, signed and encoded as the Clerk emulator does. */
export function personaToken(auth: AuthFixtures, persona: Persona): string {
  return auth.token({
    userId: persona.user,
    sessionId: `sess_${persona.user}`,
    publicMetadata: persona.metadata,
    organization: persona.organization,
  });
}

/** The same persona as the data layer sees it once the API has read the token. */
export function personaActor(persona: Persona): Actor {
  return {
    userId: persona.user,
    orgId: persona.organization?.id ?? null,
    // System permissions (`org:sys_*`) never reach a token, so the API never sees them.
    orgPermissions: (persona.organization?.permissions ?? []).filter((key) => !key.startsWith('org:sys_')),
    role: roleFromClaims({ metadata: persona.metadata }),
  };
}

/** `persona` with no organization active, as after switching to the personal account. */
export function withoutOrganization(persona: Persona): Persona {
  return { ...persona, organization: null };
}

function seeded(key: SeedUser['key']): Persona {
  const user = SEED_USERS.find((candidate) => candidate.key === key)!;
  const seat = SEED_MEMBERSHIPS.find((candidate) => candidate.user === key);
  return {
    user: `user_seed_${key}`,
    metadata: user.publicMetadata,
    organization: seat ? membership(seat.organization as keyof typeof ORG_IDS, seat.role) : null,
  };
}

function membership(slug: keyof typeof ORG_IDS, roleKey: OrganizationRoleKey): ActiveOrganizationClaim {
  if (!SEED_ORGANIZATIONS.some((organization) => organization.slug === slug)) throw new Error(`No seeded organization ${slug}`);
  const role = organizationRole(roleKey);
  return { id: ORG_IDS[slug], slug, role: role.key, permissions: role.permissions };
}
