import type {
  ClientResource,
  EmailAddressResource,
  OrganizationMembershipResource,
  OrganizationResource,
  Resources,
  SignedInSessionResource,
  TokenResource,
  UserResource,
} from '@clerk/shared/types';
import { organizationRole } from '#shared/organization-roles';
import { avatarUrlFor, fullNameOf, testOrganization, type OrganizationSlug, type Persona, type PersonaMembership } from './personas.ts';
import { mintSessionToken } from './session-token.ts';

/** Who is signed in, as the double keeps it; null when no one is. */
export interface SignedInState {
  persona: Persona;
  sessionId: string;
  sessionCreatedAt: number;
  activeOrganization: OrganizationSlug | null;
}

/**
 * Clerk-shaped resources for the Clerk test double: each object is checked
 * (`satisfies`) against the part of Clerk's resource type that the app and
 * @clerk/react read, then handed over as the full type.
 */

export function organizationResource(slug: OrganizationSlug): OrganizationResource {
  const organization = testOrganization(slug);
  const resource = {
    ...organization,
    imageUrl: avatarUrlFor(organization.id),
    hasImage: false,
    publicMetadata: {},
  } satisfies Pick<OrganizationResource, 'id' | 'name' | 'slug' | 'imageUrl' | 'hasImage' | 'publicMetadata'>;
  return resource as OrganizationResource;
}

function membershipResource(persona: Persona, { organization, role }: PersonaMembership): OrganizationMembershipResource {
  const resource = {
    id: `orgmem_${persona.id}_${organization}`,
    role,
    roleName: organizationRole(role).name,
    permissions: [...organizationRole(role).permissions],
    organization: organizationResource(organization),
    publicMetadata: {},
  } satisfies Pick<OrganizationMembershipResource, 'id' | 'role' | 'roleName' | 'permissions' | 'organization' | 'publicMetadata'>;
  return resource as OrganizationMembershipResource;
}

function userResource(persona: Persona, reload: () => Promise<UserResource>): UserResource {
  const emailAddress = {
    id: `idn_${persona.id}`,
    emailAddress: persona.emailAddress,
    toString: () => persona.emailAddress,
  } satisfies Pick<EmailAddressResource, 'id' | 'emailAddress' | 'toString'>;
  const primaryEmailAddress = emailAddress as EmailAddressResource;
  const memberships = persona.memberships.map((membership) => membershipResource(persona, membership));
  const resource = {
    id: persona.id,
    firstName: persona.firstName,
    lastName: persona.lastName,
    fullName: fullNameOf(persona),
    username: null,
    primaryEmailAddressId: primaryEmailAddress.id,
    primaryEmailAddress,
    emailAddresses: [primaryEmailAddress],
    imageUrl: avatarUrlFor(persona.id),
    hasImage: false,
    publicMetadata: structuredClone(persona.publicMetadata),
    unsafeMetadata: {},
    organizationMemberships: memberships,
    createdAt: new Date(persona.createdAt),
    updatedAt: new Date(persona.updatedAt),
    lastSignInAt: null,
    // `useOrganizationList({ userMemberships })` pages through this.
    getOrganizationMemberships: async ({ initialPage = 1, pageSize = 10 } = {}) => ({
      data: memberships.slice((initialPage - 1) * pageSize, initialPage * pageSize),
      total_count: memberships.length,
    }),
    reload,
  } satisfies Pick<
    UserResource,
    | 'id'
    | 'firstName'
    | 'lastName'
    | 'fullName'
    | 'username'
    | 'primaryEmailAddressId'
    | 'primaryEmailAddress'
    | 'emailAddresses'
    | 'imageUrl'
    | 'hasImage'
    | 'publicMetadata'
    | 'unsafeMetadata'
    | 'organizationMemberships'
    | 'createdAt'
    | 'updatedAt'
    | 'lastSignInAt'
    | 'getOrganizationMemberships'
    | 'reload'
  >;
  return resource as UserResource;
}

function sessionResource(state: SignedInState, user: UserResource): SignedInSessionResource {
  const tokenFor = () =>
    mintSessionToken({
      persona: state.persona,
      sessionId: state.sessionId,
      activeMembership: state.persona.memberships.find((entry) => entry.organization === state.activeOrganization) ?? null,
      azp: window.location.origin,
      sessionCreatedAt: state.sessionCreatedAt,
    });
  const token = tokenFor();
  const lastActiveToken = {
    jwt: { header: token.header, claims: token.claims, encoded: token.encoded },
    getRawString: () => token.raw,
  } satisfies Pick<TokenResource, 'jwt' | 'getRawString'>;
  const resource = {
    id: state.sessionId,
    status: 'active',
    user,
    lastActiveToken: lastActiveToken as TokenResource,
    lastActiveOrganizationId: state.activeOrganization ? testOrganization(state.activeOrganization).id : null,
    factorVerificationAge: [0, -1],
    actor: null,
    createdAt: new Date(state.sessionCreatedAt),
    updatedAt: new Date(),
    expireAt: new Date(state.sessionCreatedAt + 7 * 24 * 60 * 60 * 1000),
    lastActiveAt: new Date(),
    // A fresh token on every call, with the persona's current claims, as Clerk's after a change.
    getToken: async () => tokenFor().raw,
  } satisfies Pick<
    SignedInSessionResource,
    | 'id'
    | 'status'
    | 'user'
    | 'lastActiveToken'
    | 'lastActiveOrganizationId'
    | 'factorVerificationAge'
    | 'actor'
    | 'createdAt'
    | 'updatedAt'
    | 'expireAt'
    | 'lastActiveAt'
    | 'getToken'
  >;
  return resource as SignedInSessionResource;
}

export function buildResources(state: SignedInState | null, reload: () => Promise<UserResource>): Resources {
  const user = state ? userResource(state.persona, reload) : null;
  const session = state && user ? sessionResource(state, user) : null;
  const sessions = session ? [session] : [];
  const client = {
    id: 'client_fixture',
    sessions,
    signedInSessions: sessions,
    lastActiveSessionId: session?.id ?? null,
  } satisfies Pick<ClientResource, 'id' | 'sessions' | 'signedInSessions' | 'lastActiveSessionId'>;
  const organization = state?.activeOrganization ? organizationResource(state.activeOrganization) : null;
  return { client: client as ClientResource, session, user, organization };
}
