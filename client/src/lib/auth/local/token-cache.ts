import { decodeJwtClaims } from './jwt.ts';

/** A cached token is handed out until this long before it expires, as clerk-js does. */
export const TOKEN_REUSE_MARGIN_MS = 10_000;
/** Tokens kept fresh are re-minted this long before expiry, so callers rarely wait for one. */
export const TOKEN_REFRESH_LEAD_MS = 15_000;
/** Never refresh more often than this, whatever the token lifetime. */
const MIN_REFRESH_DELAY_MS = 1_000;

interface CachedToken {
  jwt: string;
  expiresAt: number;
}

export interface TokenRequest {
  /** Mints a new token; its own failures (sign-out on 401 and so on) are its business. */
  mint: () => Promise<string>;
  skipCache?: boolean;
  /** Re-mint proactively before expiry (the active session's default token). */
  keepFresh?: boolean;
  /** Called with each token the cache accepts (not with answers a `clear()` made stale). */
  onStored?: (jwt: string) => void;
}

/**
 * Session tokens by key: reused until shortly before they expire, one
 * request in flight per key shared by concurrent callers, and an optional
 * timer that refreshes a token before it expires. `clear()` forgets
 * everything, including answers still in flight (their results are dropped).
 */
export class TokenCache {
  #tokens = new Map<string, CachedToken>();
  #inFlight = new Map<string, Promise<string>>();
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #generation = 0;

  get(key: string, request: TokenRequest): Promise<string> {
    if (!request.skipCache) {
      const cached = this.#tokens.get(key);
      if (cached && cached.expiresAt - Date.now() > TOKEN_REUSE_MARGIN_MS) return Promise.resolve(cached.jwt);
    }
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const generation = this.#generation;
    const promise = request.mint().then((jwt) => {
      if (generation === this.#generation) this.#store(key, jwt, request);
      return jwt;
    });
    const forget = () => {
      if (this.#inFlight.get(key) === promise) this.#inFlight.delete(key);
    };
    promise.then(forget, forget);
    this.#inFlight.set(key, promise);
    return promise;
  }

  clear(): void {
    this.#generation += 1;
    this.#tokens.clear();
    this.#inFlight.clear();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #store(key: string, jwt: string, request: TokenRequest): void {
    const expiresAt = decodeJwtClaims(jwt).exp * 1000;
    this.#tokens.set(key, { jwt, expiresAt });
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    request.onStored?.(jwt);
    if (!request.keepFresh) return;
    const lifetime = expiresAt - Date.now();
    const delay = Math.max(lifetime - TOKEN_REFRESH_LEAD_MS, lifetime / 2, MIN_REFRESH_DELAY_MS);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      // A failed refresh is not fatal: the next getToken() tries again.
      this.get(key, { ...request, skipCache: true }).catch(() => undefined);
    }, delay);
    this.#timers.set(key, timer);
  }
}
