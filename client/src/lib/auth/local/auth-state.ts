import type { LocalClient, LocalSession, SignInRequest, SignUpRequest } from '#shared/local-identity-protocol';
import type { ClientTokenStore } from './client-token-store.ts';
import { FrontendApiError, type FrontendApi } from './frontend-api.ts';
import { toTokenResource, type LocalTokenResource } from './jwt.ts';
import {
  activeOrganizationOf,
  toClientResource,
  toSessionResource,
  toUserResource,
  type GetTokenOptions,
  type LocalResources,
  type LocalUserResource,
} from './resources.ts';
import { TokenCache } from './token-cache.ts';

interface ActiveSession {
  session: LocalSession;
  token: LocalTokenResource;
}

/** Claims that change on every mint; a new token differing only in these changes nothing for the UI. */
const VOLATILE_CLAIMS = new Set(['exp', 'iat', 'nbf', 'jti', 'fva']);

/**
 * The browser's sign-in state in local mode: the client token in storage, the
 * client the identity server reports, the active session with its latest
 * token, and the resource snapshot built from them. Every change publishes a
 * new snapshot through `onChange`; nothing else emits.
 */
export class LocalAuthState {
  readonly #api: FrontendApi;
  readonly #clientToken: ClientTokenStore;
  readonly #onChange: (resources: LocalResources) => void;
  readonly #tokens = new TokenCache();
  #client: LocalClient | null = null;
  #active: ActiveSession | null = null;
  #resources: LocalResources = { client: toClientResource(null, null), session: null, user: null, organization: null };
  /** Bumped by every transition, so a slow answer from before it cannot undo it. */
  #epoch = 0;
  /** While a session is being activated its first token is applied by the activation itself. */
  #activations = 0;

  constructor(api: FrontendApi, clientToken: ClientTokenStore, onChange: (resources: LocalResources) => void) {
    this.#api = api;
    this.#clientToken = clientToken;
    this.#onChange = onChange;
  }

  get resources(): LocalResources {
    return this.#resources;
  }

  get storage(): Storage {
    return this.#clientToken.storage;
  }

  /** Asks the identity server who this browser is. Throws when it cannot be reached. */
  async refreshClient(): Promise<void> {
    const epoch = ++this.#epoch;
    const stored = this.#clientToken.read();
    const client = await this.#api.getClient(stored);
    if (epoch !== this.#epoch) return;
    if (!client && stored) this.#clientToken.clear();
    const session = client?.sessions.find((candidate) => candidate.id === client.lastActiveSessionId) ?? null;
    if (!client || !session) return this.#publishSignedOut(client);
    await this.#activate(client, session, epoch);
  }

  /** Signs in or up; the new session becomes active only through `setActive`, as in clerk-js. */
  async authenticate(kind: 'signIn' | 'signUp', request: SignInRequest | SignUpRequest): Promise<string> {
    const previous = this.#clientToken.read();
    const answer =
      kind === 'signIn'
        ? await this.#api.signIn(request as SignInRequest, previous)
        : await this.#api.signUp(request as SignUpRequest, previous);
    this.#clientToken.write(answer.clientToken);
    this.#client = answer.client;
    return answer.createdSessionId;
  }

  /** Makes a session of this client active, optionally switching its organization (id or slug; null = personal). */
  async setActive(sessionId: string | undefined, organization: string | null | undefined): Promise<void> {
    const epoch = ++this.#epoch;
    let client = this.#client;
    let session = client?.sessions.find((candidate) => candidate.id === (sessionId ?? this.#active?.session.id));
    if (!client || !session) throw new Error('There is no such session on this browser; sign in again.');
    const organizationId = organization === undefined ? session.lastActiveOrganizationId : this.#organizationIdFor(session, organization);
    if (organizationId !== session.lastActiveOrganizationId) {
      client = await this.#api.touchSession(this.#requireClientToken(), session.id, organizationId);
      session = client?.sessions.find((candidate) => candidate.id === session!.id);
      if (!client || !session) throw new FrontendApiError({ status: 401, code: 'session_ended', message: 'This session has ended; sign in again.' });
    }
    if (epoch === this.#epoch) await this.#activate(client, session, epoch);
  }

  /** `user.reload()`: the user as the server has it now (say, renamed through the API); session and token stay. */
  async reloadUser(): Promise<LocalUserResource | null> {
    const active = this.#active;
    if (!active) return null;
    const epoch = this.#epoch;
    const client = await this.#api.getClient(this.#clientToken.read());
    // A sign-out or another activation meanwhile wins over this answer.
    if (epoch !== this.#epoch || this.#active !== active) return this.#resources.user;
    const session = client?.sessions.find((candidate) => candidate.id === active.session.id);
    if (!client || !session) {
      this.forget(); // The server no longer knows this session (ended elsewhere): signed out here too.
      return null;
    }
    this.#client = client;
    this.#active = { session: { ...active.session, user: session.user }, token: active.token };
    this.#publish();
    return this.#resources.user;
  }

  /** Ends the session on the server when possible, then forgets everything locally. */
  async signOut(): Promise<void> {
    ++this.#epoch;
    const clientToken = this.#clientToken.read();
    const sessionId = this.#active?.session.id;
    this.#tokens.clear();
    // Unreachable server: the local sign-out still happens; the session then lapses on its own.
    if (clientToken && sessionId) await this.#api.endSession(clientToken, sessionId).catch(() => undefined);
    this.forget();
  }

  /** Signed out on this browser without telling the server (it already knows, or cannot be reached). */
  forget(): void {
    ++this.#epoch;
    this.#clientToken.clear();
    this.#publishSignedOut(null);
  }

  /** Shows the signed-out state but keeps the stored client: the server may just be down for now. */
  showSignedOut(): void {
    ++this.#epoch;
    this.#publishSignedOut(null);
  }

  /** `session.getToken()`: cached, shared while in flight, null once the session is gone. */
  async getToken(sessionId: string, options: GetTokenOptions = {}): Promise<string | null> {
    const active = this.#active;
    if (!active || active.session.id !== sessionId) return null;
    if (options.template) {
      throw new Error(`JWT templates (here "${options.template}") do not exist in local mode; use the session token.`);
    }
    if (options.organizationId !== undefined && options.organizationId !== active.session.lastActiveOrganizationId) {
      throw new Error('Local mode mints tokens for the active organization only; call setActive({ organization }) first.');
    }
    try {
      return await this.#tokens.get(sessionId, { ...this.#tokenRequest(sessionId), skipCache: options.skipCache ?? false });
    } catch (error) {
      if (error instanceof FrontendApiError && error.meansSignedOut) return null;
      throw error;
    }
  }

  dispose(): void {
    ++this.#epoch;
    this.#tokens.clear();
  }

  async #activate(client: LocalClient, session: LocalSession, epoch: number): Promise<void> {
    this.#tokens.clear();
    this.#activations += 1;
    let jwt: string;
    try {
      jwt = await this.#tokens.get(session.id, this.#tokenRequest(session.id));
    } finally {
      this.#activations -= 1;
    }
    if (epoch !== this.#epoch) return;
    this.#client = client;
    this.#active = { session, token: toTokenResource(jwt) };
    this.#publish();
  }

  #tokenRequest(sessionId: string) {
    return {
      keepFresh: true,
      mint: () => this.#mint(sessionId),
      onStored: (jwt: string) => this.#applyToken(sessionId, jwt),
    };
  }

  async #mint(sessionId: string): Promise<string> {
    const epoch = this.#epoch;
    try {
      return await this.#api.mintToken(this.#requireClientToken(), sessionId);
    } catch (error) {
      // The server ended this session (signed out elsewhere, expired): this browser is signed out too.
      if (error instanceof FrontendApiError && error.meansSignedOut && epoch === this.#epoch && this.#active) this.forget();
      throw error;
    }
  }

  /** A fresh token replaces the session's last one; the UI re-renders only if its meaning changed. */
  #applyToken(sessionId: string, jwt: string): void {
    const active = this.#active;
    if (this.#activations > 0 || !active || active.session.id !== sessionId) return;
    const token = toTokenResource(jwt);
    const changed = stableClaims(token) !== stableClaims(active.token);
    active.token = token;
    if (changed) return this.#publish();
    const session = this.#resources.session;
    if (session) {
      session.lastActiveToken = token;
      session.factorVerificationAge = token.jwt.claims.fva ?? null;
    }
  }

  #organizationIdFor(session: LocalSession, organization: string | null): string | null {
    if (organization === null) return null;
    const match = session.user.organizationMemberships.find(
      (membership) => membership.organization.id === organization || membership.organization.slug === organization,
    );
    if (!match) throw new Error(`You are not a member of the organization "${organization}".`);
    return match.organization.id;
  }

  #requireClientToken(): string {
    const token = this.#clientToken.read();
    if (!token) throw new FrontendApiError({ status: 401, code: 'unauthenticated', message: 'This browser is signed out.' });
    return token;
  }

  #publishSignedOut(client: LocalClient | null): void {
    this.#tokens.clear();
    this.#client = client;
    this.#active = null;
    this.#publish();
  }

  #publish(): void {
    const active = this.#active;
    if (!active) {
      this.#resources = { client: toClientResource(this.#client, null), session: null, user: null, organization: null };
    } else {
      const user = toUserResource(active.session.user, { reload: () => this.reloadUser() });
      const sessionId = active.session.id;
      const session = toSessionResource({ ...active, user, getToken: (options) => this.getToken(sessionId, options) });
      const organization = activeOrganizationOf(user, active.session.lastActiveOrganizationId);
      this.#resources = { client: toClientResource(this.#client, session), session, user, organization };
    }
    this.#onChange(this.#resources);
  }
}

function stableClaims(token: LocalTokenResource): string {
  const entries = Object.entries(token.jwt.claims).filter(([name]) => !VOLATILE_CLAIMS.has(name));
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}
