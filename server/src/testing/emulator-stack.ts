import { expect } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_CLERK_PROXY_PATH, type LOCAL_ORGANIZATIONS, type LocalAccountKey } from '#shared/local-clerk';
import type { ClerkOptions } from '../auth/clerk-options.ts';
import { SEED_USERS } from '../clerk-emulator/store/seed.ts';
import { setActiveOrganization, startSession } from '../clerk-emulator/store/sessions.ts';
import { copyDataDir, localClerkOptionsFor, startTestEmulator, TEST_SPA_ORIGIN, useSeededTemplate, type TestEmulator } from './test-emulator.ts';
import { bearer, send, type Reply, type SendOptions } from './http.ts';
import { startApp, type StartAppOptions, type StartedApp } from './start-app.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';
import { useForEach } from './use-for-each.ts';

/**
 * Who calls the API in the suites that run the emulator: a seeded account
 * (LOCAL_ACCOUNTS in shared/local-clerk.ts: Ada the app admin and admin of
 * Globex, Grace the app moderator, Alan a plain member of Acme, Katherine
 * admin of Acme, Edsger a member of Globex) signed in there, with `org` active
 * in the session. Not testing/personas.ts's PERSONAS: those are tokens signed
 * without any emulator, for the suites that need no Backend API.
 */
export const SEEDED_CALLERS = {
  appAdmin: { account: 'admin', org: null },
  appModerator: { account: 'moderator', org: null },
  plainMember: { account: 'member', org: null },
  acmeAdmin: { account: 'orgAdmin', org: 'acme' },
  acmeMember: { account: 'member', org: 'acme' },
  globexMember: { account: 'outsider', org: 'globex' },
  globexAdmin: { account: 'admin', org: 'globex' },
} as const satisfies Record<string, { account: LocalAccountKey; org: (typeof LOCAL_ORGANIZATIONS)[number]['slug'] | null }>;
export type SeededCaller = keyof typeof SEEDED_CALLERS;
export type Caller = SeededCaller | 'signedOut';
export const CALLERS = ['signedOut', ...Object.keys(SEEDED_CALLERS)] as Caller[];

/** The email address `caller` signs in with. */
export function emailOf(caller: SeededCaller): string {
  const { account } = SEEDED_CALLERS[caller];
  return LOCAL_ACCOUNTS.find((candidate) => candidate.key === account)!.emailAddress;
}

export interface Session {
  userId: string;
  sessionId: string;
  clientToken: string;
}

export interface StackSendOptions extends SendOptions {
  as?: Caller;
}

/** A seeded Clerk emulator and the API using it as Clerk: Backend API, keys and all. */
export interface EmulatorStack {
  emulator: TestEmulator;
  api: StartedApp;
  clerk: ClerkOptions;
  userIdOf(email: string): string;
  /** A new session of `caller` on a client of its own, with its organization active. */
  signIn(caller: SeededCaller): Session;
  /** A session token freshly minted by the emulator's Frontend API, as the SPA gets one. */
  tokenOf(session: Session): Promise<string>;
  /** Calls the API as `as` (signed out by default) and checks that nothing private is in the answer. */
  send(path: string, options?: StackSendOptions): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * Over a copy of `templateDir` (see makeSeededTemplate), so every stack starts
 * from the seed. `database` (opened and closed by the caller) is for suites
 * that need posts; without one the API gets a database nothing answers.
 */
async function startEmulatorStack(templateDir: string, options: Pick<StartAppOptions, 'database'> = {}): Promise<EmulatorStack> {
  const data = copyDataDir(templateDir);
  const emulator = await startTestEmulator(data.dataDir);
  const clerk = localClerkOptionsFor(emulator);
  const api = await startApp(clerk, options);
  const userIdOf = (email: string) => emulator.store.userByEmail(email)?.id ?? fail(`no seeded user ${email}`);
  const signIn = (caller: SeededCaller) => openSession(emulator, emailOf(caller), SEEDED_CALLERS[caller].org);
  const tokenOf = (session: Session) => mintToken(emulator, session);

  return {
    emulator,
    api,
    clerk,
    userIdOf,
    signIn,
    tokenOf,
    async send(path, { as = 'signedOut', ...options } = {}) {
      const headers = as === 'signedOut' ? {} : bearer(await tokenOf(signIn(as)));
      const reply = await send(api.baseUrl, path, { ...options, headers: { ...headers, ...options.headers } });
      expectNothingPrivate(reply.text);
      return reply;
    },
    async close() {
      await api.close();
      await emulator.close();
      data.remove();
    },
  };
}

/**
 * The emulator's own session code, without the password check: a
 * sign-in costs a scrypt derivation, and the matrices sign in often.
 */
function openSession(emulator: TestEmulator, email: string, org: string | null): Session {
  const { store } = emulator;
  const user = store.userByEmail(email) ?? fail(`no seeded user ${email}`);
  const { clientToken, session } = startSession(store, user, Date.now());
  if (org !== null) {
    const organization = store.organizationByIdOrSlug(org) ?? fail(`no seeded organization ${org}`);
    setActiveOrganization(store, session, organization.id, Date.now());
  }
  return { userId: user.id, sessionId: session.id, clientToken };
}

/** As clerk-js asks for one: the client's dev-browser id in `__clerk_db_jwt`, the page's Origin. */
async function mintToken(emulator: TestEmulator, session: Session): Promise<string> {
  const url = new URL(`${emulator.url}${LOCAL_CLERK_PROXY_PATH}/v1/client/sessions/${session.sessionId}/tokens`);
  url.searchParams.set('__clerk_db_jwt', session.clientToken);
  const response = await fetch(url, { method: 'POST', headers: { origin: TEST_SPA_ORIGIN } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { jwt: string }).jwt;
}

/** Private and unsafe metadata, by name or by any seeded value, must never reach a browser. */
const PRIVATE_MARKERS = [
  'private_metadata',
  'privateMetadata',
  'unsafe_metadata',
  'unsafeMetadata',
  ...SEED_USERS.flatMap((user) => Object.entries(user.privateMetadata).flat()),
];

export function expectNothingPrivate(text: string): void {
  for (const marker of PRIVATE_MARKERS) expect(text, `the answer contains "${String(marker)}"`).not.toContain(marker);
}

/** Decodes a session token's payload; the API verifies tokens, tests only read them. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * For a test file: a seeded emulator and the API on it (the seed built
 * once for the file), fresh for each test (`per: 'test'`, the default: tests
 * that change emulator data) or one for the whole file (tests that only read).
 * With `database: true` the API gets a test database of its own, opened and
 * closed with the stack. Register it at the top of a file or describe block;
 * the answer stands for the stack that is running.
 */
export function useEmulatorStack(options: { per?: 'test' | 'file'; database?: boolean } = {}): EmulatorStack & { readonly database: TestDatabase } {
  const templateDir = useSeededTemplate();
  const running = useForEach(
    options.per ?? 'test',
    async () => {
      const database = options.database ? await openTestDatabase() : undefined;
      const stack = await startEmulatorStack(templateDir(), database ? { database } : {});
      return { stack, database };
    },
    async ({ stack, database }) => {
      await stack.close();
      await database?.close();
    },
  );
  const now = () => running().stack;
  return {
    get emulator() {
      return now().emulator;
    },
    get api() {
      return now().api;
    },
    get clerk() {
      return now().clerk;
    },
    get database() {
      return running().database ?? fail('useEmulatorStack: ask for { database: true }');
    },
    userIdOf: (email) => now().userIdOf(email),
    signIn: (caller) => now().signIn(caller),
    tokenOf: (session) => now().tokenOf(session),
    send: (path, options) => now().send(path, options),
    close: () => now().close(),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
