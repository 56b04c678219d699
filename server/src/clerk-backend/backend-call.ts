import { ERROR_CODES } from '#shared/api-error';
import { HttpError } from '../common/http-error.ts';

/**
 * A Backend API call's whole budget, retries and backoff included: a hung
 * Backend API costs a caller this at most (before the circuit opens, then
 * nothing).
 */
export const BACKEND_API_BUDGET_MS = 5000;
/** One attempt's share of the budget, so that a hung first attempt leaves time for a retry. */
export const BACKEND_API_ATTEMPT_TIMEOUT_MS = 2000;
/**
 * The least budget a retry must have left: less could not bring an answer. It also absorbs timers that fire a few
 * milliseconds early against `Date.now()` on a busy machine (the event loop's clock lags), which otherwise let a
 * hung attempt that used the whole budget be followed by a pointless one of a few milliseconds.
 */
const MIN_RETRY_WINDOW_MS = 25;

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
  /** Defaults to BACKEND_API_ATTEMPT_TIMEOUT_MS; never more than what is left of the budget. */
  attemptTimeoutMs?: number;
  /**
   * For a write of what the caller typed: Clerk's own validation may refuse
   * it (400/422, e.g. a name with characters the instance does not allow),
   * and that is the caller's 400 `validation_failed`, not an outage. Maps
   * Clerk's parameter names to the request's field names (`first_name` →
   * `firstName`) so the form shows Clerk's message at the right field.
   */
  inputFields?: Readonly<Record<string, string>>;
  /** The upstream's circuit and calls in flight (see `createBackendGate`). */
  gate?: BackendGate;
  /**
   * What the call asks for: method and path (and body, for a write). With a
   * `gate`, concurrent calls with one key share one call and its answer.
   */
  key?: string;
}

/**
 * One Clerk Backend API call: one budget with an AbortSignal per attempt, retries with backoff, single-flight and a
 * circuit with a `gate`, Clerk's 404 as `null`, `inputFields` refusals as 400, anything else a 503 `upstream_unavailable`.
 * Why each: docs/reliability.md, "Backend API calls".
 */
export function callBackendApi<T>(call: (signal: AbortSignal) => Promise<T>, budgetMs: number, options: BackendCallOptions = {}): Promise<T | null> {
  const { gate, key } = options;
  if (!gate || key === undefined) return callWithinBudget(call, budgetMs, options);
  const shared = gate.inFlight.get(key) as Promise<T | null> | undefined;
  if (shared) return shared;
  const started = callWithinBudget(call, budgetMs, options).finally(() => gate.inFlight.delete(key));
  gate.inFlight.set(key, started);
  return started;
}

async function callWithinBudget<T>(call: (signal: AbortSignal) => Promise<T>, budgetMs: number, options: BackendCallOptions): Promise<T | null> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const circuit = options.gate?.circuit;
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt += 1) {
    circuit?.admit();
    const attemptMs = Math.max(1, Math.min(options.attemptTimeoutMs ?? BACKEND_API_ATTEMPT_TIMEOUT_MS, deadline - Date.now()));
    try {
      const answer = await attemptWithin(call, attemptMs);
      circuit?.answered();
      return answer;
    } catch (error) {
      const status = statusOf(error);
      if (isTransient(status)) circuit?.failed();
      else circuit?.answered();
      if (status === 404) return null;
      if (options.inputFields && (status === 400 || status === 422)) throw inputRefused(error, options.inputFields);
      const delay = attempt < policy.retries ? retryDelayMs(error, attempt, policy) : null;
      if (delay === null || Date.now() + delay + MIN_RETRY_WINDOW_MS > deadline) throw upstreamUnavailable(error);
      await sleep(delay);
    }
  }
}

/** Network errors and timeouts (no status), rate limits and server errors: what may pass, and what the circuit counts. */
function isTransient(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

/** One attempt, given a signal that fires when its time is up; a hung attempt fails then, whether or not it stops. */
async function attemptWithin<T>(call: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`The Backend API did not answer within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface CircuitOptions {
  /** Consecutive failed attempts (network, timeout, 429, 5xx) that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit refuses before letting one probe through. */
  coolDownMs?: number;
}

export interface BackendGate {
  circuit: Circuit;
  inFlight: Map<string, Promise<unknown>>;
}

export interface Circuit {
  /** Throws the 503 when the circuit is open (or half-open with its probe in flight); otherwise lets the attempt go. */
  admit(): void;
  /** The upstream answered (any answer that is not a failure of its own). */
  answered(): void;
  failed(): void;
  state(): 'closed' | 'open' | 'half-open';
}

/** The circuit and the calls in flight for one upstream. */
export function createBackendGate(options: CircuitOptions = {}): BackendGate {
  return { circuit: createCircuit(options), inFlight: new Map() };
}

const gates = new WeakMap<object, BackendGate>();

/** One gate per Clerk client, i.e. per Backend API the process talks to, whichever directory calls it. */
export function backendGateOf(clerkClient: object): BackendGate {
  let gate = gates.get(clerkClient);
  if (!gate) gates.set(clerkClient, (gate = createBackendGate()));
  return gate;
}

/**
 * Closed: attempts go, failures are counted. Open (after `failureThreshold`
 * failures in a row): every attempt is refused at once, for `coolDownMs`.
 * Half-open: one probe goes; its answer closes the circuit, its failure opens
 * it again, and other attempts are refused while it is out.
 */
export function createCircuit(options: CircuitOptions = {}): Circuit {
  const threshold = options.failureThreshold ?? 5;
  const coolDownMs = options.coolDownMs ?? 5000;
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;
  return {
    admit() {
      if (openedAt === null) return;
      const waitMs = openedAt + coolDownMs - Date.now();
      if (waitMs > 0 || probing) throw circuitOpen(Math.max(waitMs, 1000));
      probing = true;
    },
    answered() {
      failures = 0;
      openedAt = null;
      probing = false;
    },
    failed() {
      failures += 1;
      if (probing || failures >= threshold) openedAt = Date.now();
      probing = false;
    },
    state: () => (openedAt === null ? 'closed' : probing ? 'half-open' : 'open'),
  };
}

function circuitOpen(waitMs: number): HttpError {
  const retryAfter = String(Math.ceil(waitMs / 1000));
  return new HttpError(503, ERROR_CODES.upstreamUnavailable, 'The identity service is unavailable. Try again shortly.', {
    headers: { 'Retry-After': retryAfter },
    details: { upstream: 'clerk-backend-api', circuit: 'open' },
  });
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
