import { ERROR_CODES } from '#shared/api-error';
import { HttpError } from '../middleware/errors.ts';

/** A hung Backend API must not hang the request: after this a call counts as failed. */
export const BACKEND_API_TIMEOUT_MS = 5000;

export interface RetryPolicy {
  /** Attempts after the first, for failures that may pass: network errors, timeouts, 429 and 5xx. */
  retries: number;
  /** The first backoff; each retry doubles it, with jitter. */
  baseDelayMs: number;
  /** A `Retry-After` longer than this is not waited out: the caller gets the 503 and the header at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 100, maxRetryAfterMs: 1000 };

/**
 * One Clerk Backend API call, made the way every call of the app is made: with
 * a timeout per attempt, a few retries with backoff for failures that may pass
 * (honouring Clerk's `Retry-After`), Clerk's 404 as `null` (what a missing
 * resource means is the caller's business), and every other failure (network,
 * 5xx, 429, 401, timeouts) as a 503 `upstream_unavailable`: the API is fine,
 * its upstream is not. Every call the app makes is idempotent (reads, and
 * writes that set a value), so a retry after an unclear failure is safe.
 */
export async function callBackendApi<T>(
  call: () => Promise<T>,
  timeoutMs: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T | null> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await withTimeout(call(), timeoutMs);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      const delay = attempt < policy.retries ? retryDelayMs(error, attempt, policy) : null;
      if (delay === null) throw upstreamUnavailable(error);
      await sleep(delay);
    }
  }
}

/** How long to wait before the next attempt, or null when retrying cannot help. */
function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy): number | null {
  const status = statusOf(error);
  const transient = status === null || status === 429 || status >= 500;
  if (!transient) return null;
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== null) return retryAfter * 1000 <= policy.maxRetryAfterMs ? retryAfter * 1000 : null;
  const backoff = policy.baseDelayMs * 2 ** attempt;
  return backoff / 2 + Math.random() * (backoff / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Also for answers that arrived but are not what was asked for (a broken or impostor upstream). */
export function upstreamUnavailable(cause: unknown): HttpError {
  const retryAfter = retryAfterOf(cause);
  return new HttpError(503, ERROR_CODES.upstreamUnavailable, 'The identity service is unavailable. Try again shortly.', {
    cause,
    headers: retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
    details: { upstream: 'clerk-backend-api', status: statusOf(cause), errors: clerkErrorsOf(cause) },
  });
}

/** Clerk's error codes and messages (`unexpected_error: fetch failed`, …): what the operator needs. */
function clerkErrorsOf(error: unknown): string[] | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map((entry: { code?: unknown; message?: unknown }) => `${String(entry.code)}: ${String(entry.message)}`);
}

/** Clerk's ClerkAPIResponseError carries `status` and, for 429, `retryAfter` in seconds. */
function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

function retryAfterOf(error: unknown): number | null {
  const retryAfter = (error as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : null;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`The Backend API did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
