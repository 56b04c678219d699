import {
  LOCAL_ACCOUNTS,
  LOCAL_ORGANIZATIONS,
  localAccount,
  localOrganization,
  type LocalAccountKey,
  type LocalOrganizationSlug,
} from '#shared/local-clerk';
import type { OrganizationRoleKey } from '#shared/organization-roles';

/**
 * The people of the component tests: the emulator's seeded accounts
 * (LOCAL_ACCOUNTS, the one list, with the ids every suite uses), plus
 * anyone a test adds. The Clerk test double signs them in; the MSW API
 * handlers read them as the real API reads Clerk's Backend API.
 * `resetPersonas()` runs after every test (setup.ts).
 */
export type PersonaKey = LocalAccountKey;
export type OrganizationSlug = LocalOrganizationSlug;

export interface PersonaMembership {
  organization: OrganizationSlug;
  role: OrganizationRoleKey;
}

export interface Persona {
  /** The seed's name for the account; null for people a test added. */
  key: PersonaKey | null;
  id: string;
  firstName: string;
  lastName: string | null;
  emailAddress: string;
  publicMetadata: Record<string, unknown>;
  memberships: PersonaMembership[];
  createdAt: number;
  updatedAt: number;
}

export interface TestOrganization {
  id: string;
  name: string;
  /** The seed's slug, unless a test changed it. */
  slug: string;
}

/** A name or slug saved in `<OrganizationProfile>` during a test. */
export type OrganizationChanges = Partial<{ name: string; slug: string }>;
let organizationChanges = new Map<OrganizationSlug, OrganizationChanges>();

/** The organization the seed calls `slug` (its key in the tests), with any name or slug a test changed. */
export function testOrganization(slug: OrganizationSlug): TestOrganization {
  const { id, name } = localOrganization(slug);
  return { id, name, slug, ...organizationChanges.get(slug) };
}

export function updateOrganization(slug: OrganizationSlug, changes: OrganizationChanges): void {
  organizationChanges.set(slug, { ...organizationChanges.get(slug), ...changes });
}

export function isOrganizationSlug(slug: string): slug is OrganizationSlug {
  return LOCAL_ORGANIZATIONS.some((organization) => organization.slug === slug);
}

const SEEDED_AT = Date.UTC(2025, 0, 15, 9, 30);

function seededPersonas(): Persona[] {
  return LOCAL_ACCOUNTS.map((account, index) => ({
    key: account.key,
    id: account.id,
    firstName: account.firstName,
    lastName: account.lastName,
    emailAddress: account.emailAddress,
    publicMetadata: account.appRole ? { role: account.appRole } : {},
    memberships: account.organizations.map(({ slug, role }) => ({ organization: slug, role })),
    createdAt: SEEDED_AT + index,
    updatedAt: SEEDED_AT + index,
  }));
}

let personas = seededPersonas();
let counter = 0;

export function resetPersonas(): void {
  personas = seededPersonas();
  organizationChanges = new Map();
}

/** The seeded account's id (shared/local-clerk.ts): the same in the emulator and the API's tests. */
export function personaId(key: PersonaKey): string {
  return localAccount(key).id;
}

export function personaByKey(key: PersonaKey): Persona {
  const persona = personaById(personaId(key));
  if (!persona) throw new Error(`Persona ${key} is missing; did a test remove it?`);
  return persona;
}

export function personaById(id: string): Persona | undefined {
  return personas.find((persona) => persona.id === id);
}

/** Everyone Clerk knows in this test, seeded or added. */
export function listPersonas(): readonly Persona[] {
  return personas;
}

/** A change made through Clerk (a name, an app role): later reads, tokens and `user.reload()` show it. */
export function updatePersona(id: string, changes: Partial<Pick<Persona, 'firstName' | 'lastName' | 'publicMetadata'>>): Persona {
  const persona = personaById(id);
  if (!persona) throw new Error(`No persona ${id}.`);
  // Clerk's updated_at only moves forward, even within one millisecond.
  Object.assign(persona, changes, { updatedAt: Math.max(Date.now(), persona.updatedAt + 1) });
  return persona;
}

/** Someone who signed up: no role, no organization. */
export function addPersona(fields: Pick<Persona, 'firstName' | 'lastName' | 'emailAddress'>): Persona {
  counter += 1;
  const now = Date.now();
  const persona: Persona = {
    ...fields,
    key: null,
    // Clerk's shape (`user_` and base62), as the API's UserIdSchema expects of any id.
    id: `user_testAdded${counter}`,
    publicMetadata: {},
    memberships: [],
    createdAt: now,
    updatedAt: now,
  };
  personas.push(persona);
  return persona;
}

export function fullNameOf(persona: Persona): string | null {
  return [persona.firstName, persona.lastName].filter(Boolean).join(' ') || null;
}

/** An initials avatar URL on the app's origin, never fetched by jsdom. */
export function avatarUrlFor(id: string): string {
  return `https://img.example.test/${encodeURIComponent(id)}.svg`;
}
