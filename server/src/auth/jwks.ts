import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import { BACKEND_API_BUDGET_MS, callBackendApi, createBackendGate, upstreamUnavailable, type BackendGate } from '../clerk-backend/backend-call.ts';

const CLERK_API_URL = 'https://api.clerk.com';

export interface JwksKeysOptions {
  /** Backend API base URL; Clerk's own when unset. */
  apiUrl?: string;
  secretKey: string;
  /** The whole budget of one JWKS fetch, retries included. */
  budgetMs?: number;
  /** Keys are fetched again after this, as Clerk's SDK does (1 h). */
  maxAgeMs?: number;
  /** A token with a kid the keys do not have makes a fetch at most this often, so made-up kids cannot make the API hammer Clerk. */
  unknownKidIntervalMs?: number;
  gate?: BackendGate;
}

export interface JwksKeys {
  /**
   * The PEM public key to verify a token with this kid. An unknown kid gets
   * one of the instance's keys, which will not verify it (a 401, as Clerk
   * would answer). Throws a 503 when no keys can be had: a signed-in user must
   * never look signed out because the keys could not be fetched.
   */
  pemFor(kid: string | undefined): Promise<string>;
  /** Fetches the keys ahead of the first request; a failure is left for the requests to report. */
  warm(): Promise<void>;
}

const JwksSchema = z.object({ keys: z.array(z.looseObject({ kid: z.string(), kty: z.string() })) });

/**
 * The instance's signing keys from the Backend API's `/v1/jwks`, for when no
 * `CLERK_JWT_KEY` is configured. Clerk's SDK would fetch them itself, with no
 * timeout and no way to cancel, and would report a failure as a signed-out
 * request (401); here the fetch has the budget, abort signal and circuit of
 * every Backend API call, and a failure is a 503. Keys once fetched are kept
 * when a later refresh fails.
 */
export function createJwksKeys(options: JwksKeysOptions): JwksKeys {
  const url = new URL('/v1/jwks', options.apiUrl ?? CLERK_API_URL).href;
  const budgetMs = options.budgetMs ?? BACKEND_API_BUDGET_MS;
  const maxAgeMs = options.maxAgeMs ?? 3_600_000;
  const unknownKidIntervalMs = options.unknownKidIntervalMs ?? 30_000;
  const gate = options.gate ?? createBackendGate();
  let keys = new Map<string, string>();
  let fetchedAt = -Infinity;

  const refresh = async () => {
    const fetched = await callBackendApi((signal) => fetchJwks(url, options.secretKey, signal), budgetMs, { gate, key: 'GET /v1/jwks' });
    const parsed = JwksSchema.safeParse(fetched);
    if (!parsed.success || parsed.data.keys.length === 0) throw upstreamUnavailable(new Error('The Backend API answered with no usable JWKS'));
    try {
      keys = new Map(parsed.data.keys.map((jwk) => [jwk.kid, toPem(jwk)]));
    } catch (error) {
      throw upstreamUnavailable(error);
    }
    fetchedAt = Date.now();
  };

  const pemFor = async (kid: string | undefined): Promise<string> => {
    const age = Date.now() - fetchedAt;
    const known = kid !== undefined && keys.has(kid);
    const mayRefresh = age >= maxAgeMs || (!known && age >= unknownKidIntervalMs);
    if (mayRefresh) {
      try {
        await refresh();
      } catch (error) {
        // Keys we have still verify the tokens they signed; without any, nothing can be verified.
        if (keys.size === 0) throw error;
      }
    }
    const pem = (kid === undefined ? undefined : keys.get(kid)) ?? keys.values().next().value;
    if (pem === undefined) throw upstreamUnavailable(new Error('No JWKS keys'));
    return pem;
  };

  return {
    pemFor,
    warm: () => refresh().catch(() => undefined),
  };
}

async function fetchJwks(url: string, secretKey: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${secretKey}` }, signal });
  // The status is what callBackendApi decides on (retry, circuit, 503); Clerk's error body is not needed.
  if (!response.ok) throw Object.assign(new Error(`GET /v1/jwks answered ${response.status}`), { status: response.status });
  return response.json();
}

function toPem(jwk: Record<string, unknown>): string {
  return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}
