import type { z } from 'zod/mini';
import { ApiErrorBodySchema } from '#shared/api-error';
import {
  AuthenticatedResponseSchema,
  ClientResponseSchema,
  FRONTEND_API_PATHS,
  TokenResponseSchema,
  type AuthenticatedResponse,
  type LocalClient,
  type SignInRequest,
  type SignUpRequest,
} from '#shared/local-identity-protocol';

/** A failed Frontend API call. `status` 0 means the identity server could not be reached. */
export class FrontendApiError extends Error {
  override readonly name = 'FrontendApiError';
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]>;

  constructor(init: { status: number; code: string; message: string; fields?: Record<string, string[]> | undefined; cause?: unknown }) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
  }

  /** The identity server no longer knows this browser's client or session: it is signed out. */
  get meansSignedOut(): boolean {
    return this.status === 401 || this.status === 404;
  }
}

export interface FrontendApi {
  getClient(clientToken: string | null): Promise<LocalClient | null>;
  signIn(request: SignInRequest, clientToken: string | null): Promise<AuthenticatedResponse>;
  signUp(request: SignUpRequest, clientToken: string | null): Promise<AuthenticatedResponse>;
  mintToken(clientToken: string, sessionId: string): Promise<string>;
  touchSession(clientToken: string, sessionId: string, activeOrganizationId: string | null): Promise<LocalClient | null>;
  endSession(clientToken: string, sessionId: string): Promise<LocalClient | null>;
}

interface CallOptions {
  method?: 'GET' | 'POST';
  clientToken: string | null;
  body?: unknown;
}

/** A request that hangs (a stopped debugger, a wedged process) must not leave the app loading forever. */
const REQUEST_TIMEOUT_MS = 10_000;

export function createFrontendApi(baseUrl: string, fetchImpl: typeof fetch): FrontendApi {
  const call = <T>(path: string, options: CallOptions, schema: z.ZodMiniType<T>) => request(`${baseUrl}${path}`, options, schema, fetchImpl);
  const client = (answer: Promise<{ client: LocalClient | null }>) => answer.then((body) => body.client);
  return {
    getClient: (clientToken) => client(call(FRONTEND_API_PATHS.client, { clientToken }, ClientResponseSchema)),
    signIn: (body, clientToken) => call(FRONTEND_API_PATHS.signIns, { method: 'POST', clientToken, body }, AuthenticatedResponseSchema),
    signUp: (body, clientToken) => call(FRONTEND_API_PATHS.signUps, { method: 'POST', clientToken, body }, AuthenticatedResponseSchema),
    mintToken: (clientToken, sessionId) =>
      call(FRONTEND_API_PATHS.sessionTokens(sessionId), { method: 'POST', clientToken }, TokenResponseSchema).then((body) => body.jwt),
    touchSession: (clientToken, sessionId, activeOrganizationId) =>
      client(call(FRONTEND_API_PATHS.sessionTouch(sessionId), { method: 'POST', clientToken, body: { activeOrganizationId } }, ClientResponseSchema)),
    endSession: (clientToken, sessionId) =>
      client(call(FRONTEND_API_PATHS.sessionEnd(sessionId), { method: 'POST', clientToken }, ClientResponseSchema)),
  };
}

async function request<T>(url: string, options: CallOptions, schema: z.ZodMiniType<T>, fetchImpl: typeof fetch): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  if (options.clientToken) headers.set('Authorization', `Bearer ${options.clientToken}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await send(url, fetchImpl, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    // The client token travels in the Authorization header; the identity server sets no cookies.
    credentials: 'omit',
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromAnswer(response.status, payload);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new FrontendApiError({ status: response.status, code: 'invalid_response', message: 'The local identity server answered in an unexpected shape.', cause: parsed.error });
  }
  return parsed.data;
}

async function send(url: string, fetchImpl: typeof fetch, init: RequestInit): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    return await fetchImpl(url, { ...init, signal: controller.signal });
  } catch (error) {
    const origin = new URL(url).origin;
    throw new FrontendApiError({
      status: 0,
      code: 'network_error',
      message: `Could not reach the local identity server at ${origin}. Is it running? (npm run dev starts it.)`,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function errorFromAnswer(status: number, payload: unknown): FrontendApiError {
  const parsed = ApiErrorBodySchema.safeParse(payload);
  if (parsed.success) return new FrontendApiError({ status, ...parsed.data.error });
  return new FrontendApiError({ status, code: 'invalid_response', message: `The local identity server answered with status ${status}.` });
}
