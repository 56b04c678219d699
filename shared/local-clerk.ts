import type { OrganizationRoleKey } from './organization-roles.ts';

/**
 * Local mode: the facts the SPA and the Clerk emulator share. In local mode
 * the SPA runs Clerk's own clerk-js and components, configured exactly as for
 * real Clerk, only with these values; the emulator
 * (server/src/clerk-emulator/) answers them. Nothing here is a secret: local
 * mode never runs in production.
 */

/**
 * The path on the SPA's own origin that forwards to the emulator (Clerk's
 * default proxy path). clerk-js loads its scripts from `<proxy>/npm/...` and
 * calls the Frontend API at `<proxy>/v1/...`; Vite's dev server and the
 * end-to-end static server forward it.
 */
export const LOCAL_CLERK_PROXY_PATH = '/__clerk';

/**
 * A development publishable key (`pk_test_` + base64 of `<frontend API host>$`).
 * The host is never contacted (every call goes through the proxy path); being
 * a development host, it makes clerk-js use Clerk's dev-browser flow, as a
 * real development instance does.
 */
export const LOCAL_CLERK_PUBLISHABLE_KEY = 'pk_test_ZW11bGF0b3IuY2xlcmsuYWNjb3VudHMuZGV2JA==';

/**
 * The code every test address takes (Clerk's development-instance convention):
 * an address whose local part has `+clerk_test`, e.g. `jane+clerk_test@example.com`.
 * Any other address gets a random code, shown on the emulator's inbox page.
 */
export const LOCAL_VERIFICATION_CODE = '424242';
export const LOCAL_TEST_EMAIL_MARKER = '+clerk_test';

export function isClerkTestEmailAddress(emailAddress: string): boolean {
  const at = emailAddress.lastIndexOf('@');
  return at > 0 && emailAddress.slice(0, at).toLowerCase().includes(LOCAL_TEST_EMAIL_MARKER);
}

/** Where the emulator shows every email it would have sent (codes, reset codes), newest first: under the proxy path. */
export const LOCAL_INBOX_PATH = `${LOCAL_CLERK_PROXY_PATH}/inbox`;

/**
 * The SPA's sign-up and sign-in pages (client/src/config/paths.ts), as an instance's dashboard names them: an
 * invitation's link leads there, with its ticket, when the inviter gave no `redirect_url`.
 */
export const LOCAL_APP_SIGN_UP_PATH = '/sign-up';
export const LOCAL_APP_SIGN_IN_PATH = '/sign-in';

/** The password of every seeded account. */
export const LOCAL_SEED_PASSWORD = 'local-dev-password';

export type LocalAccountKey = 'admin' | 'moderator' | 'member' | 'orgAdmin' | 'outsider';

export interface LocalAccount {
  key: LocalAccountKey;
  /**
   * The user's id, the same in the emulator's seed and in every test suite:
   * Clerk's shape (`user_` and 27 base62 characters), readable in logs.
   */
  id: string;
  emailAddress: string;
  firstName: string;
  lastName: string;
  /** The app role in `public_metadata.role`, or null. */
  appRole: 'admin' | 'moderator' | null;
  organizations: readonly { slug: LocalOrganizationSlug; role: OrganizationRoleKey }[];
}

/** The organizations the emulator seeds on first start, with their ids in every suite (Clerk's shape, as the users'). */
export const LOCAL_ORGANIZATIONS = [
  { id: 'org_seedAcme0000000000000000000', name: 'Acme Inc', slug: 'acme' },
  { id: 'org_seedGlobex00000000000000000', name: 'Globex', slug: 'globex' },
] as const;

export type LocalOrganizationSlug = (typeof LOCAL_ORGANIZATIONS)[number]['slug'];
export type LocalOrganization = (typeof LOCAL_ORGANIZATIONS)[number];

/** The accounts the emulator seeds on first start: the one list the seed, the sign-in hint and the tests read. */
export const LOCAL_ACCOUNTS = [
  {
    key: 'admin',
    id: 'user_seedAdmin000000000000000000',
    emailAddress: 'admin@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    appRole: 'admin',
    organizations: [{ slug: 'globex', role: 'org:admin' }],
  },
  {
    key: 'moderator',
    id: 'user_seedModerator00000000000000',
    emailAddress: 'moderator@example.com',
    firstName: 'Grace',
    lastName: 'Hopper',
    appRole: 'moderator',
    organizations: [{ slug: 'acme', role: 'org:member' }],
  },
  {
    key: 'member',
    id: 'user_seedMember00000000000000000',
    emailAddress: 'member@example.com',
    firstName: 'Alan',
    lastName: 'Turing',
    appRole: null,
    organizations: [{ slug: 'acme', role: 'org:member' }],
  },
  {
    key: 'orgAdmin',
    id: 'user_seedOrgAdmin000000000000000',
    emailAddress: 'orgadmin@example.com',
    firstName: 'Katherine',
    lastName: 'Johnson',
    appRole: null,
    organizations: [{ slug: 'acme', role: 'org:admin' }],
  },
  {
    key: 'outsider',
    id: 'user_seedOutsider000000000000000',
    emailAddress: 'outsider@example.com',
    firstName: 'Edsger',
    lastName: 'Dijkstra',
    appRole: null,
    organizations: [{ slug: 'globex', role: 'org:member' }],
  },
] as const satisfies readonly LocalAccount[];

export function localAccount(key: LocalAccountKey): LocalAccount {
  return LOCAL_ACCOUNTS.find((account) => account.key === key)!;
}

export function localOrganization(slug: LocalOrganizationSlug): LocalOrganization {
  return LOCAL_ORGANIZATIONS.find((organization) => organization.slug === slug)!;
}
