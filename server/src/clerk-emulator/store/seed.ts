import { buildUser } from './accounts.ts';
import { newId } from './ids.ts';
import { hashPassword } from './passwords.ts';
import type { OrganizationRoleKey } from '#shared/organization-roles';
import { LOCAL_ACCOUNTS, LOCAL_ORGANIZATIONS, LOCAL_SEED_PASSWORD, localOrganization, type LocalAccountKey } from '#shared/local-clerk';
import { emptyStoreData } from './store-data.ts';
import type { StoreOptions } from './store-file.ts';
import { createStore, readStore, type EmulatorStore, type StoreData } from './store.ts';

/** The password of every seeded account. A local stand-in only: it never runs in production. */
export const SEED_PASSWORD = LOCAL_SEED_PASSWORD;

export interface SeedUser {
  key: LocalAccountKey;
  /** Fixed (shared/local-clerk.ts), so every suite and every local start name the same user alike. */
  id: string;
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
  id: account.id,
  emailAddress: account.emailAddress,
  firstName: account.firstName,
  lastName: account.lastName,
  publicMetadata: account.appRole ? { role: account.appRole } : {},
  privateMetadata: PRIVATE_METADATA[account.key],
}));

export const SEED_ORGANIZATIONS = LOCAL_ORGANIZATIONS;

/** Each seat of shared/local-clerk.ts, by the fixed ids of its user and organization. */
export const SEED_MEMBERSHIPS: readonly { userId: string; organizationId: string; role: OrganizationRoleKey }[] = LOCAL_ACCOUNTS.flatMap((account) =>
  account.organizations.map((seat) => ({ userId: account.id, organizationId: localOrganization(seat.slug).id, role: seat.role })),
);

/** The first-start data set. Creation times are one millisecond apart so "newest first" is stable. */
export async function seedData(now: number = Date.now()): Promise<StoreData> {
  const data = emptyStoreData();
  for (const [index, seed] of SEED_USERS.entries()) {
    data.users.push(buildUser({ ...seed, passwordHash: await hashPassword(SEED_PASSWORD), createdAt: now + index }));
  }
  for (const [index, seed] of SEED_ORGANIZATIONS.entries()) {
    const createdAt = now + index;
    data.organizations.push({ ...seed, createdBy: null, publicMetadata: {}, privateMetadata: {}, createdAt, updatedAt: createdAt });
  }
  for (const [index, seat] of SEED_MEMBERSHIPS.entries()) {
    const createdAt = now + index;
    data.memberships.push({ id: newId('orgmem'), ...seat, publicMetadata: {}, privateMetadata: {}, createdAt, updatedAt: createdAt });
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
