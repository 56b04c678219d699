import type { User } from '@clerk/backend';
import { isClerkAPIResponseError } from '@clerk/shared/error';
import { localAccount, localOrganization, type LocalAccountKey, type LocalOrganizationSlug } from '#shared/local-clerk';
import type { OrganizationRoleKey } from '#shared/organization-roles';
import { userJson } from '../../../../server/src/clerk-emulator/http/clerk-json.ts';
import { testEmulator } from './emulator.ts';

/**
 * The people of the component tests are Clerk's users in this test's emulator: the seeded accounts
 * (shared/local-clerk.ts, with the ids every suite uses) and anyone a test adds. Changes go through Clerk's Backend
 * API, as the real API makes them, so clerk-js and the mock API both see them.
 */
export type PersonaKey = LocalAccountKey;
export type OrganizationSlug = LocalOrganizationSlug;

/** Someone a test added, who can be signed in (`createSignedInClerk(persona)`, with a sign-in token). */
export interface AddedPersona {
  id: string;
  emailAddress: string;
}

/** The seeded account's id (shared/local-clerk.ts): the same in the emulator, the API's tests and these. */
export function personaId(key: PersonaKey): string {
  return localAccount(key).id;
}

/** Someone who signed up: no role, no organization. */
export async function addPersona(fields: { firstName: string; lastName: string | null; emailAddress: string }): Promise<AddedPersona> {
  const user = await testEmulator().backend.users.createUser({
    firstName: fields.firstName,
    ...(fields.lastName ? { lastName: fields.lastName } : {}),
    emailAddress: [fields.emailAddress],
    // No password to hash (scrypt costs ~50 ms): tests sign added people in with a sign-in token.
    skipPasswordRequirement: true,
  });
  return { id: user.id, emailAddress: fields.emailAddress };
}

/** A change made through Clerk (a name, an app role): later reads, tokens and `user.reload()` show it. */
export async function updatePersona(
  id: string,
  changes: { firstName?: string; lastName?: string | null; publicMetadata?: Record<string, unknown> },
): Promise<void> {
  const { lastName, ...rest } = changes;
  await testEmulator().backend.users.updateUser(id, { ...rest, ...(lastName === undefined ? {} : { lastName: lastName ?? '' }) });
}

export async function addMembership(userId: string, organization: OrganizationSlug, role: OrganizationRoleKey): Promise<void> {
  await testEmulator().backend.organizations.createOrganizationMembership({ organizationId: localOrganization(organization).id, userId, role });
}

/** The seeded organization `slug` as it is now (a test may have renamed it or changed its slug). */
export function testOrganization(slug: OrganizationSlug): { id: string; name: string; slug: string } {
  const { id } = localOrganization(slug);
  const organization = testEmulator().store.organizationByIdOrSlug(id);
  if (!organization) throw new Error(`The organization ${slug} is gone.`);
  return { id, name: organization.name, slug: organization.slug };
}

export async function updateOrganization(slug: OrganizationSlug, changes: { name?: string; slug?: string }): Promise<void> {
  await testEmulator().backend.organizations.updateOrganization(localOrganization(slug).id, changes);
}

/** Clerk's user as Clerk's JSON has it (the Backend API's and the webhooks'), or undefined when there is none. */
export function clerkUser(id: string): ReturnType<typeof userJson> | undefined {
  const { store } = testEmulator();
  const user = store.userById(id);
  return user && userJson(user, { store, issuer: window.location.origin, now: Date.now() });
}

/** The name Clerk shows for a user: first and last, or null. */
export function fullNameOf(user: { first_name: string | null; last_name: string | null }): string | null {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || null;
}

/** Clerk's user as the API's user directory reads it from the Backend API (server/src/users/user-directory.ts). */
export interface DirectoryUser {
  id: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  primaryEmail: string | null;
  imageUrl: string;
  publicMetadata: Record<string, unknown>;
  createdAt: string;
  lastSignInAt: string | null;
}

function toDirectoryUser(user: User): DirectoryUser {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: user.fullName,
    primaryEmail: user.primaryEmailAddress?.emailAddress ?? null,
    imageUrl: user.imageUrl,
    publicMetadata: user.publicMetadata,
    createdAt: new Date(user.createdAt).toISOString(),
    lastSignInAt: user.lastSignInAt === null ? null : new Date(user.lastSignInAt).toISOString(),
  };
}

/** Clerk's user `id` through the Backend API, or null when Clerk has none. */
export async function directoryUser(id: string): Promise<DirectoryUser | null> {
  const user = await testEmulator()
    .backend.users.getUser(id)
    .catch((error: unknown) => {
      if (isClerkAPIResponseError(error) && error.status === 404) return null;
      throw error;
    });
  return user && toDirectoryUser(user);
}

/** A page of Clerk's users, newest first, as the API's admin search asks the Backend API for it. */
export async function searchDirectory(query: string, limit: number, offset: number): Promise<{ users: DirectoryUser[]; totalCount: number }> {
  const page = await testEmulator().backend.users.getUserList({ ...(query ? { query } : {}), limit, offset, orderBy: '-created_at' });
  return { users: page.data.map(toDirectoryUser), totalCount: page.totalCount };
}

/** An organization's memberships, as the API's members page asks the Backend API for them. */
export async function organizationMemberships(organizationId: string) {
  const page = await testEmulator().backend.organizations.getOrganizationMembershipList({ organizationId, limit: 100 });
  return page.data;
}
