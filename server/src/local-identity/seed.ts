import { buildUser } from './accounts.ts';
import { newId } from './ids.ts';
import { hashPassword } from './passwords.ts';
import type { OrganizationRoleKey } from './roles.ts';
import { createStore, emptyStoreData, readStore, type IdentityStore, type StoreData } from './store.ts';

/** The password of every seeded account. A local stand-in only: it never runs in production. */
export const SEED_PASSWORD = 'local-dev-password';

export interface SeedUser {
  key: 'admin' | 'moderator' | 'member' | 'orgAdmin' | 'outsider';
  emailAddress: string;
  firstName: string;
  lastName: string;
  publicMetadata: Record<string, unknown>;
  privateMetadata: Record<string, unknown>;
}

export const SEED_USERS = [
  {
    key: 'admin',
    emailAddress: 'admin@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    publicMetadata: { role: 'admin' },
    privateMetadata: { internalNote: 'seeded admin', stripeCustomerId: 'cus_local_admin' },
  },
  {
    key: 'moderator',
    emailAddress: 'moderator@example.com',
    firstName: 'Grace',
    lastName: 'Hopper',
    publicMetadata: { role: 'moderator' },
    privateMetadata: { internalNote: 'seeded moderator', stripeCustomerId: 'cus_local_moderator' },
  },
  {
    key: 'member',
    emailAddress: 'member@example.com',
    firstName: 'Alan',
    lastName: 'Turing',
    publicMetadata: {},
    privateMetadata: { internalNote: 'seeded member', stripeCustomerId: 'cus_local_member' },
  },
  {
    key: 'orgAdmin',
    emailAddress: 'orgadmin@example.com',
    firstName: 'Katherine',
    lastName: 'Johnson',
    publicMetadata: {},
    privateMetadata: { internalNote: 'seeded organization admin' },
  },
  {
    key: 'outsider',
    emailAddress: 'outsider@example.com',
    firstName: 'Edsger',
    lastName: 'Dijkstra',
    publicMetadata: {},
    privateMetadata: { internalNote: 'seeded outsider' },
  },
] as const satisfies readonly SeedUser[];

export const SEED_ORGANIZATIONS = [
  { name: 'Acme Inc', slug: 'acme' },
  { name: 'Globex', slug: 'globex' },
] as const;

export const SEED_MEMBERSHIPS: readonly { user: SeedUser['key']; organization: string; role: OrganizationRoleKey }[] = [
  { user: 'orgAdmin', organization: 'acme', role: 'org:admin' },
  { user: 'member', organization: 'acme', role: 'org:member' },
  { user: 'moderator', organization: 'acme', role: 'org:member' },
  { user: 'admin', organization: 'globex', role: 'org:admin' },
  { user: 'outsider', organization: 'globex', role: 'org:member' },
];

/** The first-start data set. Creation times are one millisecond apart so "newest first" is stable. */
export async function seedData(now: number = Date.now()): Promise<StoreData> {
  const data = emptyStoreData();
  const userIds = new Map<string, string>();
  for (const [index, seed] of SEED_USERS.entries()) {
    const user = buildUser({ ...seed, passwordHash: await hashPassword(SEED_PASSWORD), createdAt: now + index });
    userIds.set(seed.key, user.id);
    data.users.push(user);
  }
  const orgIds = new Map<string, string>();
  for (const [index, seed] of SEED_ORGANIZATIONS.entries()) {
    const id = newId('org');
    orgIds.set(seed.slug, id);
    const createdAt = now + index;
    data.organizations.push({ id, ...seed, createdBy: null, publicMetadata: {}, privateMetadata: {}, createdAt, updatedAt: createdAt });
  }
  for (const [index, seed] of SEED_MEMBERSHIPS.entries()) {
    const createdAt = now + index;
    data.memberships.push({
      id: newId('orgmem'),
      organizationId: orgIds.get(seed.organization)!,
      userId: userIds.get(seed.user)!,
      role: seed.role,
      publicMetadata: {},
      privateMetadata: {},
      createdAt,
      updatedAt: createdAt,
    });
  }
  return data;
}

/** Opens the store of `dataDir`, seeding it on first start. */
export async function openIdentityStore(dataDir: string): Promise<IdentityStore> {
  return readStore(dataDir) ?? createStore(dataDir, await seedData());
}
