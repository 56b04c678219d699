import { useAuth, useUser } from '@clerk/react';
import { useMemo } from 'react';
import type { z } from 'zod';
import { ApiErrorBodySchema, ERROR_CODES } from '#shared/api-error';
import { env } from '@/config/env.ts';

/**
 * Clerk's `useAuth().getToken`, or anything shaped like it. Null means signed
 * out. `skipCache` asks Clerk for a newly minted token rather than the cached one.
 */
export type TokenGetter = (options?: { skipCache?: boolean }) => Promise<string | null>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiFetchOptions<T> {
  /** Parses the success body: the shared response schema of the endpoint. */
  schema: z.ZodType<T>;
  getToken?: TokenGetter;
  /** The organization the caller has active in Clerk (null: the personal account); a token minted for another is replaced. */
  organizationId?: string | null;
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Request headers of the endpoint's own (e.g. `Idempotency-Key`); the ones below win. */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Ask the API not to answer from its own caches (`Cache-Control: no-cache`). */
  fresh?: boolean;
  /** Clerk's `user.reload()`, so that a role changed since sign-in shows in the UI after a 403 (see `apiFetch`). */
  reloadUser?: (() => Promise<unknown>) | undefined;
}

/** An endpoint's own options: who calls is bound by `useApi()`. */
export type ApiRequestOptions<T> = Omit<ApiFetchOptions<T>, 'getToken' | 'reloadUser' | 'organizationId'>;

/**
 * The API as the signed-in caller sees it: every endpoint module takes one,
 * and builds its query and mutation keys from `userId` and `orgId`. An answer
 * depends on who asks and on their active organization, so a key without them
 * could show one user's (or organization's) cached answers to another.
 */
export interface Api {
  /** Null while signed out. */
  userId: string | null;
  /** The active organization; null for the personal account. */
  orgId: string | null;
  request<T>(path: string, options: ApiRequestOptions<T>): Promise<T>;
}

export interface ApiCaller {
  userId: string | null | undefined;
  orgId: string | null | undefined;
  getToken: TokenGetter;
  reloadUser?: (() => Promise<unknown>) | undefined;
}

/** `apiFetch` bound to one caller; for code outside React (see useApi for components). */
export function bindApi({ userId, orgId, getToken, reloadUser }: ApiCaller): Api {
  return {
    userId: userId ?? null,
    orgId: orgId ?? null,
    request: (path, options) => apiFetch(path, { ...options, getToken, reloadUser, ...(orgId === undefined ? {} : { organizationId: orgId }) }),
  };
}

/**
 * The API bound to the signed-in caller and their active organization, from
 * Clerk. A 403 reloads Clerk's user as it retries with a new token (see
 * `apiFetch`): whatever refused, a role changed since sign-in then shows in the UI at once.
 */
export function useApi(): Api {
  const { userId, orgId, getToken } = useAuth();
  const { user } = useUser();
  return useMemo(() => bindApi({ userId, orgId, getToken, reloadUser: user ? () => user.reload() : undefined }), [userId, orgId, getToken, user]);
}

/** Codes the client adds to the API's own `ERROR_CODES`. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  invalidResponse: 'invalid_response',
} as const;

/** Every failed API call ends as one of these, whatever went wrong. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]> | undefined;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string[]> | undefined;
    requestId?: string | undefined;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.requestId = init.requestId;
  }

  /** 4xx answers will not change on a retry; network failures and 5xx might. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The one function that talks to the API: Bearer session token, never cookies. A 403 is retried once with a newly
 * minted token after reloading the user. Why: docs/security.md, "The SPA after a 403".
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions<T>): Promise<T> {
  const { getToken } = options;
  const response = await send(path, options, await tokenFor(options));
  if (response.status === 403 && getToken) {
    const [newToken] = await Promise.all([readToken(() => getToken({ skipCache: true })), reloadQuietly(options.reloadUser)]);
    if (newToken) return parseResponse(await send(path, options, newToken), options.schema);
  }
  return parseResponse(response, options.schema);
}

async function parseResponse<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  if (!response.ok) throw await errorFromResponse(response);
  return parseSuccess(response, schema);
}

/** The retry is what matters; a user that could not be reloaded shows its new role a little later. */
async function reloadQuietly(reloadUser: (() => Promise<unknown>) | undefined): Promise<void> {
  try {
    await reloadUser?.();
  } catch {
    // nothing to do: Clerk reloads the user by itself on its next session refresh
  }
}

async function send(path: string, options: ApiFetchOptions<unknown>, token: string | null): Promise<Response> {
  const { method = 'GET', body, signal, fresh = false } = options;
  const headers = new Headers({ ...options.headers, Accept: 'application/json' });
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (fresh) headers.set('Cache-Control', 'no-cache');

  let response: Response;
  try {
    response = await fetch(`${env.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'omit',
      signal: signal ?? null,
    });
  } catch (error) {
    // A cancelled query is not a failure: let react-query see the abort as is.
    if (signal?.aborted) throw error;
    throw networkError('Could not reach the API. Check your connection and try again.', error);
  }
  return response;
}

/**
 * Clerk's token, for the organization the caller has active. Right after a switch, a token clerk-js asked for the
 * organization just left can arrive last and be the one it hands out: then a fresh one is asked for.
 */
async function tokenFor({ getToken, organizationId }: ApiFetchOptions<unknown>): Promise<string | null> {
  const token = await readToken(getToken);
  if (!token || !getToken || organizationId === undefined) return token;
  const minted = tokenOrganization(token);
  if (minted === undefined || minted === organizationId) return token;
  return readToken(() => getToken({ skipCache: true }));
}

/** The organization a session token names (`o.id`, or v1's `org_id`); null for none, undefined when unreadable. */
function tokenOrganization(token: string): string | null | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { o?: { id?: unknown }; org_id?: unknown };
    const id = claims.o?.id ?? claims.org_id ?? null;
    return typeof id === 'string' ? id : id === null ? null : undefined;
  } catch {
    return undefined;
  }
}

async function readToken(getToken: TokenGetter | undefined): Promise<string | null> {
  if (!getToken) return null;
  try {
    return await getToken();
  } catch (error) {
    // Clerk fetches fresh tokens over the network; failing to get one is a network failure.
    throw networkError('Could not get a session token. Check your connection and try again.', error);
  }
}

function networkError(message: string, cause: unknown): ApiError {
  return new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, message, cause });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const parsed = ApiErrorBodySchema.safeParse(await readJson(response));
  if (parsed.success) {
    const { code, message, fields, requestId } = parsed.data.error;
    return new ApiError({ status: response.status, code, message, fields, requestId });
  }
  // Something other than our API answered (a proxy, a CDN): keep the status meaningful.
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    message: `The API answered with status ${response.status}.`,
  });
}

function codeForStatus(status: number): string {
  if (status === 401) return ERROR_CODES.unauthenticated;
  if (status === 403) return ERROR_CODES.forbidden;
  if (status === 404) return ERROR_CODES.notFound;
  if (status === 413) return ERROR_CODES.payloadTooLarge;
  if (status === 429) return ERROR_CODES.rateLimited;
  return status >= 500 ? ERROR_CODES.internal : ERROR_CODES.badRequest;
}

async function parseSuccess<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(response));
  if (parsed.success) return parsed.data;
  throw new ApiError({
    status: response.status,
    code: CLIENT_ERROR_CODES.invalidResponse,
    message: 'The API answered in an unexpected shape.',
    cause: parsed.error,
  });
}
