import { Clerk } from '@clerk/clerk-js';
import type { HeadlessBrowserClerk } from '@clerk/react';
import type { ClerkUIConstructor } from '@clerk/shared/types';
import { HttpResponse, http } from 'msw';
import { LOCAL_CLERK_PROXY_PATH, LOCAL_CLERK_PUBLISHABLE_KEY, LOCAL_SEED_PASSWORD, localAccount, localOrganization } from '#shared/local-clerk';
import type { LocalAccountKey, LocalOrganizationSlug } from '#shared/local-clerk';
import { fapiBrowser } from '../../../../server/src/testing/fapi-browser.ts';
import { server } from '../mocks/server.ts';
import { PAGE_CLERK_HEADER, admitPageClerk, answerFrontendApi, isPageClerkLive, testEmulator } from './emulator.ts';
import { MarkerUI, mountedProps, type MarkedComponent } from './marker-ui.ts';

const origin = window.location.origin;
const frontendApi = `${origin}${LOCAL_CLERK_PROXY_PATH}/v1`;
/** The cookie in which clerk-js keeps its development browser (`__clerk_db_jwt`, which it reads with or without its suffix). */
const DEV_BROWSER_COOKIE = '__clerk_db_jwt';
/** A sign-in token is used at once, as `@clerk/testing`'s are (it asks for 300 seconds). */
const SIGN_IN_TOKEN_SECONDS = 300;

/** Who signs in through `<SignIn>`: a seeded account, with the seed's password. */
export type SignInAs = LocalAccountKey;

/** Who was signed in before the page loaded: a seeded account's key, or someone a test added (personas.ts). */
export type SignedInAs = LocalAccountKey | { id: string };

export interface SignInOptions {
  /** The organization active in the session (a seeded one's slug); Personal when absent. */
  activeOrgSlug?: LocalOrganizationSlug;
}

/** What a test does to Clerk, standing in for a person using Clerk's UI or another tab. */
export interface TestClerkControls {
  /** What `<SignIn>` does (through clerk-js): create a sign-in, attempt the password, set the session active. */
  signInAs(who: SignInAs, options?: SignInOptions): Promise<void>;
  /** Another tab signs out: the client's sessions end on Clerk's side, and that tab tells this one, as clerk-js does. */
  signOutElsewhere(): Promise<void>;
  /** Clerk never finishes loading (the Frontend API does not answer): call before rendering. */
  holdLoading(): void;
  /**
   * The next organization switch (the session touch) waits for `gate`. When it rejects, Clerk is out of reach, as
   * offline: the touch fails at the network, and so do session tokens (clerk-js's poller would otherwise fetch one for
   * the organization it already set on the session), until the next switch.
   */
  interceptNextOrganizationSwitch(gate: () => Promise<void>): void;
  /** What `<OrganizationProfile>` does when an admin saves the active organization's name or slug. */
  updateActiveOrganization(changes: { name?: string; slug?: string }): Promise<void>;
  /** The props Clerk's component was last mounted with, or undefined when it is not mounted. */
  mountedProps(component: MarkedComponent): Record<string, unknown> | undefined;
}

/** Clerk's own clerk-js, as ClerkProvider runs it, with what a test does to it beside. */
export type TestClerk = Clerk & { test: TestClerkControls };

/** ClerkProvider's own `Clerk` and `ui` props, through AuthProvider's test seam. */
export interface ClerkProps {
  Clerk: HeadlessBrowserClerk;
  ui: { ClerkUI: ClerkUIConstructor };
}

export function asClerkProp(clerk: TestClerk): ClerkProps {
  return { Clerk: clerk, ui: { ClerkUI: MarkerUI } };
}

function credentials(who: SignInAs) {
  return { emailAddress: localAccount(who).emailAddress, password: LOCAL_SEED_PASSWORD };
}

function devBrowserCookie(): string | null {
  const entry = document.cookie.split('; ').find((cookie) => cookie.startsWith(`${DEV_BROWSER_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(DEV_BROWSER_COOKIE.length + 1)) : null;
}

/** The browser as Clerk's Frontend API sees it before clerk-js runs: the requests `<SignIn>` made on an earlier visit. */
function browserCalls() {
  return fapiBrowser(() => origin, origin);
}

/**
 * Clerk signed in before the app loads, as after a sign-in on an earlier visit: this browser's client is signed in,
 * and clerk-js finds it when it loads. It signs in as Clerk's own testing helpers do (`@clerk/testing`'s
 * `signIn({ emailAddress })`): a sign-in token from the Backend API, used once as a `ticket` on the Frontend API,
 * with the organization to make active as the token's `org_id`. No password is checked (no scrypt), and no second
 * factor is asked. `signInAs` keeps to the password: it stands for a person using `<SignIn>`.
 */
export async function createSignedInClerk(who: SignedInAs, options: SignInOptions = {}): Promise<TestClerk> {
  return createClerk(async (browser) => {
    const userId = typeof who === 'string' ? localAccount(who).id : who.id;
    const orgId = options.activeOrgSlug ? localOrganization(options.activeOrgSlug).id : undefined;
    const { token } = await testEmulator().backend.signInTokens.createSignInToken({
      userId,
      expiresInSeconds: SIGN_IN_TOKEN_SECONDS,
      ...(orgId ? { orgId } : {}),
    });
    const signedIn = await browser.call('POST', '/client/sign_ins', { strategy: 'ticket', ticket: token });
    if (signedIn.status !== 200 || signedIn.body.response.status !== 'complete') {
      throw new Error(`Could not sign ${userId} in with a sign-in token: ${JSON.stringify(signedIn.body)}`);
    }
  });
}

/** Clerk's clerk-js for a browser that has not signed in. */
export async function createSignedOutClerk(): Promise<TestClerk> {
  return createClerk(async () => {});
}

/**
 * This browser has been to the page before: it has its development browser (Clerk's `__clerk_db_jwt`) and whatever
 * `visit` did with it. clerk-js then never creates one itself, which it would do with a plain `fetch` that no test
 * could tell apart from another test's (see pageClerk).
 */
async function createClerk(visit: (browser: ReturnType<typeof browserCalls>) => Promise<void>): Promise<TestClerk> {
  testEmulator();
  const browser = browserCalls();
  await browser.start();
  await visit(browser);
  document.cookie = `${DEV_BROWSER_COOKIE}=${encodeURIComponent(browser.devBrowser ?? '')}; path=/`;
  return withControls(pageClerk());
}

let instances = 0;

/**
 * clerk-js as the page runs it, naming itself on each Frontend API call so that, once its test has ended, it is
 * answered no more (emulator.ts); a load that had not started by then never starts.
 */
function pageClerk(): Clerk {
  instances += 1;
  const name = `clerk-${instances}`;
  admitPageClerk(name);
  const instance = new Clerk(LOCAL_CLERK_PUBLISHABLE_KEY, { proxyUrl: LOCAL_CLERK_PROXY_PATH });
  instance.__internal_onBeforeRequest((request) => {
    request.headers = new Headers(request.headers);
    request.headers.set(PAGE_CLERK_HEADER, name);
  });
  const load = instance.load.bind(instance);
  instance.load = (options) => (isPageClerkLive(name) ? load(options) : new Promise<void>(() => {}));
  return instance;
}

function withControls(instance: Clerk): TestClerk {
  const test: TestClerkControls = {
    async signInAs(who, signInOptions = {}) {
      const { emailAddress, password } = credentials(who);
      const signIn = await instance.client!.signIn.create({ strategy: 'password', identifier: emailAddress, password });
      const organization = signInOptions.activeOrgSlug ? localOrganization(signInOptions.activeOrgSlug).id : null;
      await instance.setActive({ session: signIn.createdSessionId, organization });
    },
    async signOutElsewhere() {
      const otherTab = browserCalls();
      otherTab.useDevBrowser(devBrowserCookie());
      await otherTab.call('DELETE', '/client/sessions');
      const channel = new BroadcastChannel('clerk');
      channel.postMessage({ type: 'signout' });
      channel.close();
    },
    holdLoading() {
      server.use(http.all(`${frontendApi}/environment`, () => new Promise<never>(() => {})));
    },
    interceptNextOrganizationSwitch(gate) {
      // Whether the Frontend API is unreachable: from a failed switch until the next one (the person trying again).
      let unreachable = false;
      server.use(
        http.post(
          `${frontendApi}/client/sessions/:id/touch`,
          async ({ request }) => {
            try {
              await gate();
            } catch {
              unreachable = true;
              return HttpResponse.error();
            }
            return answerFrontendApi(request);
          },
          { once: true },
        ),
        http.post(`${frontendApi}/client/sessions/:id/touch`, () => {
          unreachable = false;
        }),
        http.post(`${frontendApi}/client/sessions/:id/tokens`, () => (unreachable ? HttpResponse.error() : undefined)),
      );
    },
    async updateActiveOrganization(changes) {
      if (!instance.organization) throw new Error('No active organization to update.');
      const { name, slug } = { name: instance.organization.name, slug: instance.organization.slug ?? undefined, ...changes };
      await instance.organization.update({ name, ...(slug ? { slug } : {}) });
    },
    mountedProps: (component) => mountedProps(instance, component),
  };
  return Object.assign(instance, { test });
}
