import type { ClerkClient } from '@clerk/express';

type AuthenticateRequest = ClerkClient['authenticateRequest'];
type AuthenticateOptions = NonNullable<Parameters<AuthenticateRequest>[1]>;
type RequestState = Awaited<ReturnType<AuthenticateRequest>>;

/**
 * Wraps a Clerk client so that `clerkMiddleware` sees only the method, the path and a well-formed Bearer credential
 * (see `BEARER_CREDENTIALS`), accepts session tokens only, and keeps only Clerk's refusal headers.
 * Why: docs/security.md, "Clerk sees only the Bearer token".
 */
export function bearerOnly(client: ClerkClient): ClerkClient {
  const authenticate = async (request: Request, options: AuthenticateOptions = {}): Promise<RequestState> => {
    const bearerOptions = { ...options, acceptsToken: 'session_token' as const };
    const state = await client.authenticateRequest(bearerRequest(request), bearerOptions);
    const headers = rejectionHeaders(state, request);
    if (state.status === 'handshake') return { ...(await signedOutState(client, request, bearerOptions)), headers };
    return { ...state, headers };
  };
  return { ...client, authenticateRequest: authenticate };
}

export const REJECTION_HEADERS = { reason: 'x-clerk-auth-reason', message: 'x-clerk-auth-message' } as const;

/**
 * RFC 6750 §2.1: `Bearer`, one space, one b64token. Clerk reads more than
 * that: the first of several tokens (`Bearer <a> <b>`, where a proxy or log
 * might look at `<b>`), and a bare token with no scheme at all. A credential
 * that two readers could understand differently signs no one in.
 */
const BEARER_CREDENTIALS = /^Bearer [A-Za-z0-9\-._~+/]+=*$/;

function rejectionHeaders(state: RequestState, request: Request): Headers {
  const headers = new Headers();
  const authorization = request.headers.get('authorization');
  if (state.status === 'signed-in' || authorization === null) return headers;
  if (!BEARER_CREDENTIALS.test(authorization)) {
    headers.set(REJECTION_HEADERS.reason, 'authorization-not-one-bearer-token');
    return headers;
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as always set, but a missing reason must still make a header
  headers.set(REJECTION_HEADERS.reason, headerSafe(state.reason ?? 'unknown'));
  if (state.message) headers.set(REJECTION_HEADERS.message, headerSafe(state.message));
  return headers;
}

/** Clerk's messages quote token claims, which a caller controls: keep them printable ASCII and short. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 500);
}

function bearerRequest(request: Request): Request {
  const url = new URL(request.url);
  url.search = '';
  const headers = new Headers();
  const authorization = request.headers.get('authorization');
  if (authorization !== null && BEARER_CREDENTIALS.test(authorization)) headers.set('authorization', authorization);
  return new Request(url, { method: request.method, headers });
}

/**
 * A safety net should a future Clerk version hand back a handshake anyway: the
 * state Clerk gives a request carrying nothing at all is its own signed-out state.
 */
async function signedOutState(
  client: ClerkClient,
  request: Request,
  options: AuthenticateOptions & { acceptsToken: 'session_token' },
): Promise<RequestState> {
  const state = await client.authenticateRequest(new Request(new URL('/', request.url)), options);
  if (state.status !== 'signed-out') throw new Error(`Clerk answered a bare request with "${state.status}"`);
  return state;
}
