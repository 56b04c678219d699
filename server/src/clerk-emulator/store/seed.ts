import { buildUser } from './accounts.ts';
import { newId } from './ids.ts';
import { hashPassword } from './passwords.ts';
import type { OrganizationRoleKey } from './roles.ts';
import { LOCAL_ACCOUNTS, LOCAL_ORGANIZATIONS, LOCAL_SEED_PASSWORD, type LocalAccountKey } from '#shared/local-clerk';
import { createStore, emptyStoreData, readStore, type EmulatorStore, type StoreData, type StoreOptions } from './store.ts';

/** The password of every seeded account. A local stand-in only: it never runs in production. */
export const SEED_PASSWORD = LOCAL_SEED_PASSWORD;

export interface SeedUser {
  key: LocalAccountKey;
  emailAddress: string;
  firstName: string;
  lastName: string;
  publicMetadata: Record<string, unknown>;
  privateMetadata: Record<string, unknown>;
}

/**
 * What only a server may know of each seeded account: the suites check that
 * none of it ever reaches a browser.
 */
const PRIVATE_METADATA: Record<LocalAccountKey, Record<string, unknown>> = {
  admin: { internalNote: 'seeded admin', stripeCustomerId: 'cus_local_admin' },
  moderator: { internalNote: 'seeded moderator', stripeCustomerId: 'cus_local_moderator' },
  member: { internalNote: 'seeded member', stripeCustomerId: 'cus_local_member' },
  orgAdmin: { internalNote: 'seeded organization admin' },
  outsider: { internalNote: 'seeded outsider' },
};

/** The accounts of shared/local-clerk.ts (the sign-in hint lists the same), as stored users. */
export const SEED_USERS: readonly SeedUser[] = LOCAL_ACCOUNTS.map((account) => ({
  key: account.key,
  emailAddress: account.emailAddress,
  firstName: account.firstName,
  lastName: account.lastName,
  publicMetadata: account.appRole ? { role: account.appRole } : {},
  privateMetadata: PRIVATE_METADATA[account.key],
}));

export const SEED_ORGANIZATIONS = LOCAL_ORGANIZATIONS;

export const SEED_MEMBERSHIPS: readonly { user: LocalAccountKey; organization: string; role: OrganizationRoleKey }[] = LOCAL_ACCOUNTS.flatMap(
  (account) => account.organizations.map((seat) => ({ user: account.key, organization: seat.slug, role: seat.role })),
);

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
export async function openEmulatorStore(dataDir: string): Promise<EmulatorStore> {
  return (await openOrSeedEmulatorStore(dataDir)).store;
}

/** The same, saying whether this start seeded it (the seed's users and organizations are then announced by webhook). */
export async function openOrSeedEmulatorStore(dataDir: string, options: StoreOptions = {}): Promise<{ store: EmulatorStore; seeded: boolean }> {
  const existing = readStore(dataDir, options);
  if (existing) return { store: existing, seeded: false };
  return { store: createStore(dataDir, await seedData(), options), seeded: true };
}
