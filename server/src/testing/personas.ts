import { localAccount, localOrganization, type LocalAccountKey, type LocalOrganizationSlug } from '#shared/local-clerk';
import type { OrganizationRoleKey } from '#shared/organization-roles';
import { activeOrganizationClaim, type ActiveOrganizationClaim } from '#shared/session-token';
import { roleFromClaims } from '#shared/session-claims';
import { POLICY_USER_IDS } from '#shared/testing/post-policy-cases';
import type { Actor } from '../posts/post-policy.ts';
import type { AuthFixtures } from './auth-fixtures.ts';

/**
 * The people of the authorization tests, as the Clerk emulator would sign them
 * in: the seeded accounts of shared/local-clerk.ts (their ids, app roles and
 * organization, active, with the permissions its role grants in
 * shared/organization-roles.ts). Two more are not seeded, because each seeded
 * Acme member already plays another part: the author of the posts under test
 * (a plain Acme member) and a user who belongs to no organization.
 */
export const PERSONAS = {
  author: { user: POLICY_USER_IDS.author, metadata: {}, organization: membership('acme', 'org:member') },
  otherUser: { user: POLICY_USER_IDS.otherUser, metadata: {}, organization: null },
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
    orgPermissions: [...(persona.organization?.permissions ?? [])],
    role: roleFromClaims({ metadata: persona.metadata }),
  };
}

/** `persona` with no organization active, as after switching to the personal account. */
export function withoutOrganization(persona: Persona): Persona {
  return { ...persona, organization: null };
}

function seeded(key: LocalAccountKey): Persona {
  const account = localAccount(key);
  const seat = account.organizations[0];
  return {
    user: account.id,
    metadata: account.appRole ? { role: account.appRole } : {},
    organization: seat ? membership(seat.slug, seat.role) : null,
  };
}

function membership(slug: LocalOrganizationSlug, role: OrganizationRoleKey): ActiveOrganizationClaim {
  return activeOrganizationClaim(localOrganization(slug), role);
}
