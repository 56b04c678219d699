import { env } from '@/config/env.ts';
import { CLIENT_TOKEN_STORAGE_KEY } from '@/lib/auth/local/client-token-store.ts';
import { createLocalClerk, type LocalClerk } from '@/lib/auth/local/local-clerk.ts';
import { createMemoryStorage } from '@/lib/auth/local/memory-storage.ts';
import type { FixtureOrganizationSlug, FixtureUserKey } from './fixture-data.ts';
import { createFixtureClient } from './fixture-store.ts';

export interface TestClerkOptions {
  /** Defaults to the global fetch, which the tests' MSW server answers with the local identity handlers. */
  fetch?: typeof fetch;
}

export interface SignedInClerkOptions extends TestClerkOptions {
  /** The organization active in the session (the user must be a member). */
  activeOrgSlug?: FixtureOrganizationSlug;
}

/**
 * A local Clerk instance for a seeded user: its own in-memory storage holds a
 * client token the local identity MSW handlers know. Pass it to the app
 * (`<AuthProvider clerk={…}>`); ClerkProvider loads it.
 */
export function createSignedInClerk(userKey: FixtureUserKey, options: SignedInClerkOptions = {}): LocalClerk {
  return createTestClerk(createSignedInStorage(userKey, options), options);
}

/** In-memory storage holding a signed-in client token, for tests that inspect the storage afterwards. */
export function createSignedInStorage(userKey: FixtureUserKey, options: { activeOrgSlug?: FixtureOrganizationSlug } = {}): Storage {
  const { clientToken } = createFixtureClient(userKey, options.activeOrgSlug ? { activeOrgSlug: options.activeOrgSlug } : {});
  return createMemoryStorage({ [CLIENT_TOKEN_STORAGE_KEY]: clientToken });
}

export function createSignedOutClerk(options: TestClerkOptions = {}): LocalClerk {
  return createTestClerk(createMemoryStorage(), options);
}

/** A second instance on the same storage: what a page reload (or another tab) sees. */
export function createClerkOnStorage(storage: Storage, options: TestClerkOptions = {}): LocalClerk {
  return createTestClerk(storage, options);
}

function createTestClerk(storage: Storage, options: TestClerkOptions): LocalClerk {
  return createLocalClerk({ frontendApiUrl: env.localIdentityUrl, storage, ...(options.fetch ? { fetch: options.fetch } : {}) });
}
