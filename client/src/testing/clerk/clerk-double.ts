import type { HeadlessBrowserClerk } from '@clerk/react';
import type {
  ClerkOptions,
  ClerkStatus,
  ClientResource,
  EmailAddressResource,
  ListenerCallback,
  OrganizationMembershipResource,
  OrganizationResource,
  Resources,
  SetActiveParams,
  SignOutCallback,
  SignOutOptions,
  SignedInSessionResource,
  TokenResource,
  UserResource,
} from '@clerk/shared/types';
import {
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  avatarUrlFor,
  fullNameOf,
  personaById,
  personaByKey,
  testOrganization,
  type OrganizationSlug,
  type Persona,
  type PersonaKey,
  type PersonaMembership,
} from './personas.ts';
import { mintSessionToken } from './session-token.ts';
import { ComponentMarkers, type MarkedComponent } from './component-markers.ts';

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
  /** What `<SignIn>` does once a persona has signed in (it does not navigate: Clerk's component would). */
  signInAs(key: PersonaKey, options?: { activeOrgSlug?: OrganizationSlug }): void;
  /** What clerk-js does when another tab signs out: the state turns signed-out, with no navigation of its own. */
  signOutElsewhere(): void;
  /** Clerk never finishes loading (its scripts are still on their way): call before rendering. */
  holdLoading(): void;
  /** The next organization switch waits for (or fails with) this; switches after it go through. */
  interceptNextOrganizationSwitch(gate: () => Promise<void>): void;
  /** The props Clerk's component was last mounted with, or undefined when it is not mounted. */
  mountedProps(component: MarkedComponent): Record<string, unknown> | undefined;
  /** Stops listeners and removes the markers (renderApp calls it when the test ends). */
  destroy(): void;
}

export type ClerkDouble = ClerkMembers & { test: ClerkDoubleControls };

interface SignedInState {
  persona: Persona;
  sessionId: string;
  sessionCreatedAt: number;
  activeOrganization: OrganizationSlug | null;
}

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
      if (to) await options.routerPush?.(String(to));
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
      if (event === 'status') statusListeners.delete(handler as (status: ClerkStatus) => void);
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
        publish();
      }
      if (params.redirectUrl) await options.routerPush?.(params.redirectUrl);
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
    signInAs(key, signInOptions = {}) {
      const persona = personaByKey(key);
      const active = signInOptions.activeOrgSlug ?? null;
      if (active && !persona.memberships.some((membership) => membership.organization === active)) {
        throw new Error(`${key} is not a member of ${active}.`);
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

// Clerk-shaped resources: each object checked against the part of Clerk's resource type the app and @clerk/react read.

function organizationResource(slug: OrganizationSlug): OrganizationResource {
  const organization = testOrganization(slug);
  const resource = {
    ...organization,
    imageUrl: avatarUrlFor(organization.id),
    hasImage: false,
    publicMetadata: {},
  } satisfies Pick<OrganizationResource, 'id' | 'name' | 'slug' | 'imageUrl' | 'hasImage' | 'publicMetadata'>;
  return resource as OrganizationResource;
}

function membershipResource(persona: Persona, { organization, role }: PersonaMembership): OrganizationMembershipResource {
  const resource = {
    id: `orgmem_${persona.id}_${organization}`,
    role,
    roleName: ROLE_NAMES[role],
    permissions: [...ROLE_PERMISSIONS[role]],
    organization: organizationResource(organization),
    publicMetadata: {},
  } satisfies Pick<OrganizationMembershipResource, 'id' | 'role' | 'roleName' | 'permissions' | 'organization' | 'publicMetadata'>;
  return resource as OrganizationMembershipResource;
}

function userResource(persona: Persona, reload: () => Promise<UserResource>): UserResource {
  const emailAddress = {
    id: `idn_${persona.id}`,
    emailAddress: persona.emailAddress,
    toString: () => persona.emailAddress,
  } satisfies Pick<EmailAddressResource, 'id' | 'emailAddress' | 'toString'>;
  const primaryEmailAddress = emailAddress as EmailAddressResource;
  const memberships = persona.memberships.map((membership) => membershipResource(persona, membership));
  const resource = {
    id: persona.id,
    firstName: persona.firstName,
    lastName: persona.lastName,
    fullName: fullNameOf(persona),
    username: null,
    primaryEmailAddressId: primaryEmailAddress.id,
    primaryEmailAddress,
    emailAddresses: [primaryEmailAddress],
    imageUrl: avatarUrlFor(persona.id),
    hasImage: false,
    publicMetadata: structuredClone(persona.publicMetadata),
    unsafeMetadata: {},
    organizationMemberships: memberships,
    createdAt: new Date(persona.createdAt),
    updatedAt: new Date(persona.updatedAt),
    lastSignInAt: null,
    // `useOrganizationList({ userMemberships })` pages through this.
    getOrganizationMemberships: async ({ initialPage = 1, pageSize = 10 } = {}) => ({
      data: memberships.slice((initialPage - 1) * pageSize, initialPage * pageSize),
      total_count: memberships.length,
    }),
    reload,
  } satisfies Pick<
    UserResource,
    | 'id'
    | 'firstName'
    | 'lastName'
    | 'fullName'
    | 'username'
    | 'primaryEmailAddressId'
    | 'primaryEmailAddress'
    | 'emailAddresses'
    | 'imageUrl'
    | 'hasImage'
    | 'publicMetadata'
    | 'unsafeMetadata'
    | 'organizationMemberships'
    | 'createdAt'
    | 'updatedAt'
    | 'lastSignInAt'
    | 'getOrganizationMemberships'
    | 'reload'
  >;
  return resource as UserResource;
}

function sessionResource(state: SignedInState, user: UserResource): SignedInSessionResource {
  const tokenFor = () =>
    mintSessionToken({
      persona: state.persona,
      sessionId: state.sessionId,
      activeMembership: state.persona.memberships.find((entry) => entry.organization === state.activeOrganization) ?? null,
      azp: window.location.origin,
      sessionCreatedAt: state.sessionCreatedAt,
    });
  const token = tokenFor();
  const lastActiveToken = {
    jwt: { header: token.header, claims: token.claims, encoded: token.encoded },
    getRawString: () => token.raw,
  } satisfies Pick<TokenResource, 'jwt' | 'getRawString'>;
  const resource = {
    id: state.sessionId,
    status: 'active',
    user,
    lastActiveToken: lastActiveToken as TokenResource,
    lastActiveOrganizationId: state.activeOrganization ? testOrganization(state.activeOrganization).id : null,
    factorVerificationAge: [0, -1],
    actor: null,
    createdAt: new Date(state.sessionCreatedAt),
    updatedAt: new Date(),
    expireAt: new Date(state.sessionCreatedAt + 7 * 24 * 60 * 60 * 1000),
    lastActiveAt: new Date(),
    // A fresh token on every call, with the persona's current claims, as Clerk's after a change.
    getToken: async () => tokenFor().raw,
  } satisfies Pick<
    SignedInSessionResource,
    | 'id'
    | 'status'
    | 'user'
    | 'lastActiveToken'
    | 'lastActiveOrganizationId'
    | 'factorVerificationAge'
    | 'actor'
    | 'createdAt'
    | 'updatedAt'
    | 'expireAt'
    | 'lastActiveAt'
    | 'getToken'
  >;
  return resource as SignedInSessionResource;
}

function buildResources(state: SignedInState | null, reload: () => Promise<UserResource>): Resources {
  const user = state ? userResource(state.persona, reload) : null;
  const session = state && user ? sessionResource(state, user) : null;
  const sessions = session ? [session] : [];
  const client = {
    id: 'client_fixture',
    sessions,
    signedInSessions: sessions,
    lastActiveSessionId: session?.id ?? null,
  } satisfies Pick<ClientResource, 'id' | 'sessions' | 'signedInSessions' | 'lastActiveSessionId'>;
  const organization = state?.activeOrganization ? organizationResource(state.activeOrganization) : null;
  return { client: client as ClientResource, session, user, organization };
}
