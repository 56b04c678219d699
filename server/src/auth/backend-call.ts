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

export interface BackendCallOptions {
  retry?: RetryPolicy;
  /**
   * For a write of what the caller typed: Clerk's own validation may refuse
   * it (400/422, e.g. a name with characters the instance does not allow),
   * and that is the caller's 400 `validation_failed`, not an outage. Maps
   * Clerk's parameter names to the request's field names (`first_name` →
   * `firstName`) so the form shows Clerk's message at the right field.
   */
  inputFields?: Readonly<Record<string, string>>;
}

/**
 * One Clerk Backend API call, made the way every call of the app is made: with
 * a timeout per attempt, a few retries with backoff for failures that may pass
 * (honouring Clerk's `Retry-After`), Clerk's 404 as `null` (what a missing
 * resource means is the caller's business), Clerk refusing what the caller
 * typed as a 400 where the call says so (`inputFields`), and every other
 * failure (network, 5xx, 429, 401, timeouts) as a 503 `upstream_unavailable`:
 * the API is fine, its upstream is not. Every call the app makes is idempotent (reads, and
 * writes that set a value), so a retry after an unclear failure is safe.
 */
export async function callBackendApi<T>(call: () => Promise<T>, timeoutMs: number, options: BackendCallOptions = {}): Promise<T | null> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await withTimeout(call(), timeoutMs);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return null;
      if (options.inputFields && (status === 400 || status === 422)) throw inputRefused(error, options.inputFields);
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

/** Clerk's messages are written for end users (its own components show them), so they are passed on. */
function inputRefused(cause: unknown, inputFields: Readonly<Record<string, string>>): HttpError {
  const fields: Record<string, string[]> = {};
  const messages: string[] = [];
  for (const entry of clerkErrorEntries(cause)) {
    const message = entry.longMessage || entry.message || 'This value is not accepted.';
    const paramName = entry.meta?.paramName;
    // hasOwn: a parameter named like `constructor` must not find Object's.
    const field = paramName !== undefined && Object.hasOwn(inputFields, paramName) ? inputFields[paramName] : undefined;
    if (field === undefined) messages.push(message);
    else (fields[field] ??= []).push(message);
  }
  const message = messages[0] ?? 'Check the highlighted fields.';
  return new HttpError(400, ERROR_CODES.validationFailed, message, {
    cause,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    details: { upstream: 'clerk-backend-api', status: statusOf(cause), errors: clerkErrorsOf(cause) },
  });
}

interface ClerkErrorEntry {
  code?: unknown;
  message?: string;
  longMessage?: string;
  meta?: { paramName?: string };
}

function clerkErrorEntries(error: unknown): ClerkErrorEntry[] {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as ClerkErrorEntry[]) : [];
}

/** Clerk's error codes and messages (`unexpected_error: fetch failed`, …): what the operator needs. */
function clerkErrorsOf(error: unknown): string[] | undefined {
  const entries = clerkErrorEntries(error);
  if (entries.length === 0) return undefined;
  return entries.map((entry) => `${String(entry.code)}: ${String(entry.message)}`);
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
