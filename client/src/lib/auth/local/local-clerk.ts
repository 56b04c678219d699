import type { ReactNode } from 'react';
import type { SignInRequest, SignUpRequest } from '#shared/local-identity-protocol';
import { LocalAuthState } from './auth-state.ts';
import { CLIENT_TOKEN_STORAGE_KEY, createClientTokenStore } from './client-token-store.ts';
import { createFrontendApi, FrontendApiError } from './frontend-api.ts';
import { LocalClerkUi } from './local-clerk-ui.ts';
import type { LocalResources, LocalSessionResource } from './resources.ts';
import type { LocalComponentName, LocalComponentProps, Placement } from './ui/component-mounts.ts';
import { renderLocalComponent } from './ui/render-local-component.tsx';

export type LocalClerkStatus = 'loading' | 'ready' | 'degraded' | 'error';

export interface LocalClerkOptions {
  /** The local identity server's origin, e.g. http://127.0.0.1:3100. */
  frontendApiUrl: string;
  /** Where the client token is kept; defaults to localStorage. */
  storage?: Storage;
  /** Defaults to the global fetch, looked up on each call (so test interceptors installed later apply). */
  fetch?: typeof fetch;
}

/** The `ClerkProvider` options clerk-js's `load()` receives; only these are used locally. */
export interface LocalClerkLoadOptions {
  routerPush?: (to: string) => unknown;
  routerReplace?: (to: string) => unknown;
  signInUrl?: string;
  signUpUrl?: string;
  afterSignOutUrl?: string;
  signInForceRedirectUrl?: string | null;
  signInFallbackRedirectUrl?: string | null;
  signUpForceRedirectUrl?: string | null;
  signUpFallbackRedirectUrl?: string | null;
  [option: string]: unknown;
}

type ResourcesListener = (resources: LocalResources) => void;
type StatusListener = (status: LocalClerkStatus) => void;

export interface SetActiveParams {
  session?: string | { id: string } | null;
  organization?: string | { id: string } | null;
  redirectUrl?: string;
  navigate?: (params: { session: LocalSessionResource | null; decorateUrl: (url: string) => string }) => unknown;
}

export interface SignOutOptions {
  redirectUrl?: string;
  sessionId?: string;
}

/**
 * A stand-in for clerk-js, passed to `<ClerkProvider Clerk={…}>` in local
 * mode so @clerk/react's real hooks and components run unchanged against the
 * local identity server. The auth state lives in `LocalAuthState`; URLs,
 * navigation and the mounted UI in `LocalClerkUi` (this class's base).
 */
export class LocalClerk extends LocalClerkUi {
  readonly frontendApiUrl: string;
  /** clerk-js exposes its Frontend API host under this name. */
  readonly frontendApi: string;
  readonly instanceType = 'development';
  readonly version = 'local';
  loaded = false;
  /** Why the last load or reload could not reach the identity server, if it could not. */
  loadError: FrontendApiError | null = null;
  #status: LocalClerkStatus = 'loading';
  #loading: Promise<void> | null = null;
  readonly #listeners = new Set<ResourcesListener>();
  readonly #statusListeners = new Set<StatusListener>();
  readonly #state: LocalAuthState;

  constructor(options: LocalClerkOptions) {
    super();
    this.frontendApiUrl = options.frontendApiUrl.replace(/\/$/, '');
    this.frontendApi = new URL(this.frontendApiUrl).host;
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const api = createFrontendApi(this.frontendApiUrl, fetchImpl);
    this.#state = new LocalAuthState(api, createClientTokenStore(options.storage), (resources) => this.#emit(resources));
  }

  get status(): LocalClerkStatus {
    return this.#status;
  }

  /** The current snapshot; the same object until the next change (React's useSyncExternalStore relies on it). */
  get resources(): LocalResources {
    return this.#state.resources;
  }

  get __internal_lastEmittedResources(): LocalResources {
    return this.#state.resources;
  }

  get client() {
    return this.resources.client;
  }

  get session() {
    return this.resources.session;
  }

  get user() {
    return this.resources.user;
  }

  get organization() {
    return this.resources.organization;
  }

  get isSignedIn(): boolean {
    return this.resources.session !== null;
  }

  /** Called by ClerkProvider (possibly more than once); never rejects, so the app can always render. */
  load(options: LocalClerkLoadOptions = {}): Promise<void> {
    if (!this.#loading) {
      this.setOptions(options);
      this.#loading = this.#initialize();
    }
    return this.#loading;
  }

  addListener(listener: ResourcesListener, options: { skipInitialEmit?: boolean } = {}): () => void {
    this.#listeners.add(listener);
    if (this.loaded && !options.skipInitialEmit) listener(this.resources);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  on(event: string, handler: StatusListener, options: { notify?: boolean } = {}): void {
    // clerk-js has more events; @clerk/react subscribes to `status` only.
    if (event !== 'status') return;
    this.#statusListeners.add(handler);
    // ClerkProvider subscribes in an effect, without `notify`, after reading the
    // status during render. A local load can finish in between (no script to
    // download), and that subscriber would then wait for 'ready' forever; so a
    // late subscriber always hears where loading already ended.
    if (options.notify || this.#status !== 'loading') handler(this.#status);
  }

  off(event: string, handler: StatusListener): void {
    if (event === 'status') this.#statusListeners.delete(handler);
  }

  /** Signs in or up with a password; call `setActive({ session })` with the answer, as with clerk-js. */
  authenticate(kind: 'signIn' | 'signUp', request: SignInRequest | SignUpRequest): Promise<string> {
    return this.#state.authenticate(kind, request);
  }

  async setActive(params: SetActiveParams): Promise<void> {
    if (params.session === null) return this.signOut(params.redirectUrl ? { redirectUrl: params.redirectUrl } : {});
    const sessionId = typeof params.session === 'string' ? params.session : params.session?.id;
    const organization =
      params.organization === undefined || params.organization === null || typeof params.organization === 'string'
        ? params.organization
        : params.organization.id;
    await this.#state.setActive(sessionId, organization);
    this.#setStatus('ready');
    if (params.navigate) await params.navigate({ session: this.session, decorateUrl: (url) => url });
    else if (params.redirectUrl) await this.navigate(params.redirectUrl);
  }

  async signOut(callbackOrOptions?: (() => unknown) | SignOutOptions, maybeOptions?: SignOutOptions): Promise<void> {
    const callback = typeof callbackOrOptions === 'function' ? callbackOrOptions : undefined;
    const options = (typeof callbackOrOptions === 'function' ? maybeOptions : callbackOrOptions) ?? {};
    await this.#state.signOut();
    this.closeSignIn();
    this.closeSignUp();
    if (callback) await callback();
    else await this.navigate(options.redirectUrl ?? this.buildAfterSignOutUrl());
  }

  /** clerk-js calls this when the API reports the session gone: reload who we are. */
  async handleUnauthenticated(): Promise<void> {
    await this.#reload();
  }

  protected renderComponent(name: LocalComponentName, props: LocalComponentProps, placement: Placement): ReactNode {
    return renderLocalComponent(this, name, props, placement);
  }

  /** Stops timers and listeners and unmounts the local UI (tests, hot reload). */
  destroy(): void {
    this.#state.dispose();
    this.unmountAllComponents();
    globalThis.removeEventListener?.('storage', this.#onStorage);
    this.#listeners.clear();
    this.#statusListeners.clear();
  }

  async #initialize(): Promise<void> {
    try {
      await this.#state.refreshClient();
      this.loadError = null;
      this.#finishLoading('ready');
    } catch (error) {
      this.#state.showSignedOut();
      this.loadError = asFrontendApiError(error);
      console.warn(`[local Clerk] ${this.loadError.message} The app runs signed out until it answers.`);
      this.#finishLoading('degraded');
    }
    // Another tab signing in or out changes the stored client token: follow it.
    globalThis.addEventListener?.('storage', this.#onStorage);
  }

  #finishLoading(status: LocalClerkStatus): void {
    this.loaded = true;
    this.#setStatus(status);
    this.#emit(this.resources);
  }

  readonly #onStorage = (event: StorageEvent) => {
    if (event.key !== null && event.key !== CLIENT_TOKEN_STORAGE_KEY) return;
    if (event.storageArea !== this.#state.storage) return;
    void this.#reload();
  };

  async #reload(): Promise<void> {
    try {
      await this.#state.refreshClient();
      this.#setStatus('ready');
    } catch (error) {
      this.loadError = asFrontendApiError(error);
      this.#state.showSignedOut();
      this.#setStatus('degraded');
    }
  }

  #setStatus(status: LocalClerkStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of [...this.#statusListeners]) listener(status);
  }

  #emit(resources: LocalResources): void {
    if (!this.loaded) return;
    for (const listener of [...this.#listeners]) listener(resources);
  }
}

function asFrontendApiError(error: unknown): FrontendApiError {
  if (error instanceof FrontendApiError) return error;
  const message = error instanceof Error ? error.message : 'The local identity server failed.';
  return new FrontendApiError({ status: 0, code: 'local_clerk_failed', message, cause: error });
}

export function createLocalClerk(options: LocalClerkOptions): LocalClerk {
  return new LocalClerk(options);
}
