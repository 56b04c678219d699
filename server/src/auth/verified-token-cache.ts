import { hash } from 'node:crypto';
import { getAuth, type ClerkClient } from '@clerk/express';
import type { Request as ExpressRequest, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { memoizedByOptions } from './memoized-auth.ts';

type AuthenticateRequest = ClerkClient['authenticateRequest'];
type AuthenticateOptions = NonNullable<Parameters<AuthenticateRequest>[1]>;
type RequestState = Awaited<ReturnType<AuthenticateRequest>>;

export interface VerifiedTokenCacheOptions {
  /** The most tokens kept at once; the least recently used goes first. */
  maxEntries?: number;
  /** Injected in tests. */
  now?: () => number;
}

export interface VerifiedTokenCacheStats {
  /** Requests whose token Clerk's middleware did not have to look at again. */
  reused: number;
  /** Verifications answered from memory (the middleware ran, the verification did not). */
  hits: number;
  /** Tokens verified by Clerk. */
  misses: number;
  size: number;
}

export interface VerifiedTokenCache {
  /** For `clerkMiddleware`'s `clerkClient` option: a known token skips re-verification. */
  wrapClient(client: ClerkClient): ClerkClient;
  /** Before `clerkMiddleware`: hands it back the auth it built for a known token, so it has nothing left to do. */
  reuseAuth: RequestHandler;
  /** After `clerkMiddleware`: remembers the auth it built for a token just verified. */
  rememberAuth: RequestHandler;
  stats(): VerifiedTokenCacheStats;
}

interface Entry {
  /** What verification depended on besides the token (see `optionsKey`). */
  optionsKey: string;
  state: RequestState;
  /** The token's `exp`, in milliseconds: the entry is worthless from then on. */
  expiresAt: number;
  /** `req.auth` as `clerkMiddleware` set it from `state`, once a request has shown it. */
  auth?: unknown;
}

/**
 * Remembers what Clerk concluded about a signed-in token until its `exp`: behind the `clerkClient` option (`wrapClient`)
 * and around `clerkMiddleware` (`reuseAuth`, `rememberAuth`). What it skips and why nothing is loosened:
 * docs/performance.md, "The verified-token cache".
 */
export function createVerifiedTokenCache(options: VerifiedTokenCacheOptions = {}): VerifiedTokenCache {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? 10_000 });
  // The request reuseAuth could not serve, and the entry key it computed, for rememberAuth.
  const unserved = new WeakMap<ExpressRequest, string>();
  const counts = { reused: 0, hits: 0, misses: 0 };

  const liveEntry = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && now() < entry.expiresAt) return entry;
    if (entry) entries.delete(key);
    return undefined;
  };

  let wrapped = false;
  const wrapClient = (client: ClerkClient): ClerkClient => {
    // reuseAuth trusts that every entry was verified under its middleware's options.
    if (wrapped) throw new Error('A verified-token cache serves one clerkMiddleware: create one per middleware.');
    wrapped = true;
    const authenticate = async (request: Request, authOptions: AuthenticateOptions = {}): Promise<RequestState> => {
      const authorization = request.headers.get('authorization');
      if (!authorization) return client.authenticateRequest(request, authOptions);
      const key = tokenKey(authorization);
      const forOptions = optionsKey(authOptions);
      const entry = liveEntry(key);
      if (entry?.optionsKey === forOptions) {
        counts.hits += 1;
        return entry.state;
      }
      counts.misses += 1;
      const state = await client.authenticateRequest(request, authOptions);
      if (state.status !== 'signed-in') return state;
      const remembered = withMemoizedAuth(state);
      const expiry = expiresAt(remembered);
      if (expiry <= now()) return remembered;
      entries.set(key, { optionsKey: forOptions, state: remembered, expiresAt: expiry });
      return remembered;
    };
    return { ...client, authenticateRequest: authenticate };
  };

  const reuseAuth: RequestHandler = (req, _res, next) => {
    const authorization = req.headers.authorization;
    if (!authorization) {
      next();
      return;
    }
    const key = tokenKey(authorization);
    const entry = liveEntry(key);
    if (entry?.auth !== undefined) {
      counts.reused += 1;
      (req as { auth?: unknown }).auth = entry.auth;
    } else {
      unserved.set(req, key);
    }
    next();
  };

  const rememberAuth: RequestHandler = (req, _res, next) => {
    const key = unserved.get(req);
    const entry = key === undefined ? undefined : entries.peek(key);
    // Only a handler proven to answer with this entry's own auth object is
    // remembered: `toAuth` is memoized, so identity means the same state.
    if (entry && entry.auth === undefined && getAuth(req) === entry.state.toAuth()) {
      entry.auth = (req as { auth?: unknown }).auth;
    }
    next();
  };

  return { wrapClient, reuseAuth, rememberAuth, stats: () => ({ ...counts, size: entries.size }) };
}

/** A verified token's auth object never changes: built once per options value (see memoizedByOptions). */
function withMemoizedAuth(state: RequestState): RequestState {
  const toAuth = memoizedByOptions(state.toAuth as (options?: unknown) => ReturnType<RequestState['toAuth']>) as RequestState['toAuth'];
  return { ...state, toAuth } as RequestState;
}

/** Milliseconds since the epoch at which the signed-in state's session token expires; 0 when unknown. */
function expiresAt(state: RequestState): number {
  const exp = (state.toAuth() as { sessionClaims?: { exp?: unknown } }).sessionClaims?.exp;
  return typeof exp === 'number' ? exp * 1000 : 0;
}

/** A digest rather than the header itself: 10,000 tokens stay small in memory and out of heap dumps. */
function tokenKey(authorization: string): string {
  return hash('sha256', authorization, 'base64url');
}

/** Everything a verification result depends on besides the token. Unknown options count too. */
function optionsKey(options: AuthenticateOptions): string {
  const parts = Object.keys(options)
    .sort()
    .map((name) => `${name}=${fingerprint((options as Record<string, unknown>)[name])}`);
  return hash('sha256', parts.join('\0'), 'base64url');
}

function fingerprint(value: unknown): string {
  if (typeof value === 'function') return 'fn';
  if (typeof value === 'string') return value;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed string, but undefined for undefined and symbols
  return JSON.stringify(value) ?? 'undefined';
}
