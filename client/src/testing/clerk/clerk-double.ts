import type { HeadlessBrowserClerk } from '@clerk/react';
import type {
  ClerkOptions,
  ClerkStatus,
  ListenerCallback,
  OrganizationResource,
  Resources,
  SetActiveParams,
  SignOutCallback,
  SignOutOptions,
  UserResource,
} from '@clerk/shared/types';
import { buildResources, type SignedInState } from './clerk-resources.ts';
import { ComponentMarkers, type MarkedComponent } from './component-markers.ts';
import {
  personaById,
  personaByKey,
  testOrganization,
  updateOrganization,
  type OrganizationChanges,
  type OrganizationSlug,
  type Persona,
  type PersonaKey,
} from './personas.ts';

/**
 * What @clerk/react reads from a Clerk instance (see
 * ../shared/notes/clerk-offline-findings.md), checked against Clerk's own
 * type, so a member whose signature Clerk changes fails `tsc`.
 */
type ClerkMembers = Pick<
  HeadlessBrowserClerk,
  | 'loaded'
  | 'status'
  | 'load'
  | 'on'
  | 'off'
  | 'addListener'
  | '__internal_lastEmittedResources'
  | 'client'
  | 'session'
  | 'user'
  | 'organization'
  | 'isSignedIn'
  | 'setActive'
  | 'signOut'
  | 'mountSignIn'
  | 'unmountSignIn'
  | 'mountSignUp'
  | 'unmountSignUp'
  | 'mountUserButton'
  | 'unmountUserButton'
  | 'mountOrganizationSwitcher'
  | 'unmountOrganizationSwitcher'
  | 'mountOrganizationProfile'
  | 'unmountOrganizationProfile'
  | '__experimental_prefetchOrganizationSwitcher'
  | '__internal_attemptToEnableEnvironmentSetting'
>;

/** What a test does to the double, standing in for a person using Clerk's UI. */
export interface ClerkDoubleControls {
  /** What `<SignIn>` does once a persona (a seeded one's key, or one a test added) has signed in (it does not navigate: Clerk's component would). */
  signInAs(who: PersonaKey | Persona, options?: { activeOrgSlug?: OrganizationSlug }): void;
  /** What clerk-js does when another tab signs out: the state turns signed-out, with no navigation of its own. */
  signOutElsewhere(): void;
  /** Clerk never finishes loading (its scripts are still on their way): call before rendering. */
  holdLoading(): void;
  /** The next organization switch waits for (or fails with) this; switches after it go through. */
  interceptNextOrganizationSwitch(gate: () => Promise<void>): void;
  /** What `<OrganizationProfile>` does when an admin saves the active organization's name or slug. */
  updateActiveOrganization(changes: OrganizationChanges): void;
  /** The props Clerk's component was last mounted with, or undefined when it is not mounted. */
  mountedProps(component: MarkedComponent): Record<string, unknown> | undefined;
  /** Stops listeners and removes the markers (renderApp calls it when the test ends). */
  destroy(): void;
}

export type ClerkDouble = ClerkMembers & { test: ClerkDoubleControls };

let sessionCounter = 0;

export function createSignedInClerk(key: PersonaKey, options: { activeOrgSlug?: OrganizationSlug } = {}): ClerkDouble {
  const clerk = createSignedOutClerk();
  clerk.test.signInAs(key, options);
  return clerk;
}

/**
 * A small Clerk test double for component tests, passed to ClerkProvider
 * through the app's test-only `clerk` seam. It holds one signed-in persona
 * (or none) and publishes Clerk-shaped resources the way clerk-js does: a new
 * snapshot per change, the same object until then. Clerk's components render
 * as plain markers (component-markers.ts); Clerk's real UI is tested end to
 * end against the emulator.
 */
export function createSignedOutClerk(): ClerkDouble {
  let state: SignedInState | null = null;
  let status: ClerkStatus = 'loading';
  let loaded = false;
  let options: ClerkOptions = {};
  let snapshot: Resources = buildResources(null, () => reloadUser());
  let switchGate: (() => Promise<void>) | null = null;
  let loadGate: Promise<void> = Promise.resolve();
  const listeners = new Set<ListenerCallback>();
  const statusListeners = new Set<(status: ClerkStatus) => void>();
  const markers = new ComponentMarkers(() => snapshot);

  function publish() {
    snapshot = buildResources(state, () => reloadUser());
    markers.redraw();
    if (loaded) for (const listener of [...listeners]) listener(snapshot);
  }

  async function reloadUser(): Promise<UserResource> {
    if (!state) throw new Error('No signed-in user to reload.');
    state.persona = personaById(state.persona.id) ?? state.persona;
    publish();
    return snapshot.user!;
  }

  async function signOut(callbackOrOptions?: SignOutCallback | SignOutOptions, maybeOptions?: SignOutOptions) {
    const callback = typeof callbackOrOptions === 'function' ? callbackOrOptions : undefined;
    const signOutOptions = (typeof callbackOrOptions === 'function' ? maybeOptions : callbackOrOptions) ?? {};
    state = null;
    // As clerk-js: while it navigates away the state is in transition (`isLoaded` false), so a page's
    // sign-in guard does not race the navigation; then the signed-out state is published.
    publishTransitive();
    if (callback) await callback();
    else {
      const to = signOutOptions.redirectUrl ?? options.afterSignOutUrl;
      if (to) await options.routerPush?.(to);
    }
    publish();
  }

  function publishTransitive() {
    snapshot = { client: snapshot.client, session: undefined, user: undefined, organization: undefined };
    if (loaded) for (const listener of [...listeners]) listener(snapshot);
  }

  const members = {
    get loaded() {
      return loaded;
    },
    get status() {
      return status;
    },
    async load(loadOptions?: ClerkOptions) {
      options = loadOptions ?? {};
      // clerk-js resolves after its first Frontend API round trip: never synchronously.
      await loadGate;
      loaded = true;
      status = 'ready';
      for (const listener of [...statusListeners]) listener(status);
      publish();
    },
    on(event, handler, opt) {
      // @clerk/react subscribes to `status` only. It reads the status during render and subscribes in an
      // effect, so a subscriber that comes after loading ended hears where it ended.
      if (event !== 'status') return;
      const onStatus = handler as (status: ClerkStatus) => void;
      statusListeners.add(onStatus);
      if (opt?.notify || status !== 'loading') onStatus(status);
    },
    off(event, handler) {
      if (event === 'status') statusListeners.delete(handler);
    },
    addListener(listener, listenerOptions) {
      listeners.add(listener);
      if (loaded && !listenerOptions?.skipInitialEmit) listener(snapshot);
      return () => {
        listeners.delete(listener);
      };
    },
    get __internal_lastEmittedResources() {
      return snapshot;
    },
    get client() {
      return snapshot.client;
    },
    get session() {
      return snapshot.session;
    },
    get user() {
      return snapshot.user;
    },
    get organization() {
      return snapshot.organization;
    },
    get isSignedIn() {
      return Boolean(snapshot.session);
    },
    async setActive(params: SetActiveParams) {
      if (params.session === null) return signOut(params.redirectUrl ? { redirectUrl: params.redirectUrl } : {});
      if (params.organization !== undefined && state) {
        const gate = switchGate;
        switchGate = null;
        await gate?.();
        state.activeOrganization = organizationSlugOf(state.persona, params.organization);
        if (!params.redirectUrl) publish();
      }
      if (params.redirectUrl) {
        // As clerk-js's setActive with a redirect: it publishes a signed-out-looking state, awaits the
        // navigation, then publishes the new state, which can reach the page being left before it goes.
        publishTransitive();
        await options.routerPush?.(params.redirectUrl);
        publish();
      }
    },
    signOut,
    mountSignIn: (node, props) => markers.mount(node, 'SignIn', props),
    unmountSignIn: (node) => markers.unmount(node),
    mountSignUp: (node, props) => markers.mount(node, 'SignUp', props),
    unmountSignUp: (node) => markers.unmount(node),
    mountUserButton: (node, props) => markers.mount(node, 'UserButton', props),
    unmountUserButton: (node) => markers.unmount(node),
    mountOrganizationSwitcher: (node, props) => markers.mount(node, 'OrganizationSwitcher', props),
    unmountOrganizationSwitcher: (node) => markers.unmount(node),
    mountOrganizationProfile: (node, props) => markers.mount(node, 'OrganizationProfile', props),
    unmountOrganizationProfile: (node) => markers.unmount(node),
    // <OrganizationSwitcher> asks clerk-js to warm its data up; the double has nothing to fetch.
    __experimental_prefetchOrganizationSwitcher: () => undefined,
    // Organization hooks check the feature is on (a development instance may offer to turn it on); it is.
    __internal_attemptToEnableEnvironmentSetting: () => ({ isEnabled: true }),
  } satisfies ClerkMembers;

  const test: ClerkDoubleControls = {
    signInAs(who, signInOptions = {}) {
      const persona = typeof who === 'string' ? personaByKey(who) : who;
      const active = signInOptions.activeOrgSlug ?? null;
      if (active && !persona.memberships.some((membership) => membership.organization === active)) {
        throw new Error(`${persona.id} is not a member of ${active}.`);
      }
      sessionCounter += 1;
      state = { persona, sessionId: `sess_fixture${sessionCounter}`, sessionCreatedAt: Date.now(), activeOrganization: active };
      publish();
    },
    signOutElsewhere() {
      state = null;
      publish();
    },
    holdLoading() {
      loadGate = new Promise(() => {});
    },
    interceptNextOrganizationSwitch(gate) {
      switchGate = gate;
    },
    updateActiveOrganization(changes) {
      if (!state?.activeOrganization) throw new Error('No active organization to update.');
      updateOrganization(state.activeOrganization, changes);
      publish();
    },
    mountedProps: (component) => markers.propsOf(component),
    destroy() {
      listeners.clear();
      statusListeners.clear();
      markers.unmountAll();
    },
  };

  return Object.assign(members, { test });
}

/** The double as ClerkProvider's `Clerk` prop: the members above are the part of Clerk's type it reads. */
export function asClerkProp(clerk: ClerkDouble): HeadlessBrowserClerk {
  const members: ClerkMembers = clerk;
  return members as HeadlessBrowserClerk;
}

/** The slug of the organization `setActive` names (id, slug or resource), if the persona belongs to it. */
function organizationSlugOf(persona: Persona, organization: string | OrganizationResource | null): OrganizationSlug | null {
  if (organization === null) return null;
  const key = typeof organization === 'string' ? organization : organization.id;
  const membership = persona.memberships.find((entry) => {
    const { id, slug } = testOrganization(entry.organization);
    return key === id || key === slug;
  });
  // clerk-js refuses an organization the user does not belong to.
  if (!membership) throw new Error(`Not a member of ${key}.`);
  return membership.organization;
}
