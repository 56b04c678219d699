import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';

/**
 * For tests: a browser's clerk-js as the emulator sees it, calling the
 * Frontend API through the proxy path the way clerk-js 6 does: a dev-browser
 * id in `__clerk_db_jwt` on every call, form-encoded bodies, PATCH/DELETE as
 * `POST ?_method=…`, `_clerk_session_id` on `/me` and `/organizations` calls,
 * and the page's Origin.
 */
export interface FapiAnswer<T = unknown> {
  status: number;
  body: T;
}

// Loose on purpose: the tests read Clerk's JSON freely, and the test server checks every answer against Clerk's spec (clerk-spec-check.ts).
/* eslint-disable @typescript-eslint/no-explicit-any -- see above */
export interface ClerkEnvelope {
  response: Record<string, any>;
  client: Record<string, any> | null;
  /** Present instead of the two above on a 4xx. */
  errors: { code: string; message: string; long_message?: string; meta?: Record<string, any> }[];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// Pairs for a repeated key (`email_address` of a bulk invitation), as clerk-js sends arrays.
type Form = Record<string, string> | [string, string][];

export function fapiBrowser(baseUrl: () => string, origin: string) {
  let devBrowser: string | null = null;
  let sessionId: string | null = null;

  async function call<T = ClerkEnvelope>(method: string, path: string, form?: Form, init: { origin?: string | null } = {}): Promise<FapiAnswer<T>> {
    const url = new URL(`${baseUrl()}${LOCAL_CLERK_PROXY_PATH}/v1${path}`);
    url.searchParams.set('__clerk_api_version', '2026-08-20');
    url.searchParams.set('_clerk_js_version', '6.40.0');
    if (devBrowser) url.searchParams.set('__clerk_db_jwt', devBrowser);
    if (sessionId && /^\/(me|organizations)/.test(path)) url.searchParams.set('_clerk_session_id', sessionId);
    const httpMethod = method === 'GET' ? 'GET' : 'POST';
    if (!['GET', 'POST'].includes(method)) url.searchParams.set('_method', method);
    const headers: Record<string, string> = {};
    const pageOrigin = init.origin === undefined ? origin : init.origin;
    if (pageOrigin) headers.Origin = pageOrigin;
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method: httpMethod, headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  return {
    call,
    get devBrowser() {
      return devBrowser;
    },
    /** Forget or replace the dev-browser id, as a new browser profile would. */
    useDevBrowser(id: string | null) {
      devBrowser = id;
    },
    async start(): Promise<void> {
      const answer = await call<{ id: string }>('POST', '/dev_browser');
      devBrowser = answer.body.id;
    },
    /** Email and password, as `<SignIn>` does it; the new session becomes the one `/me` calls act for. */
    async signIn(identifier: string, password: string): Promise<string> {
      const created = await call('POST', '/client/sign_ins', { identifier });
      if (created.status !== 200) throw new Error(`sign-in create answered ${created.status}: ${JSON.stringify(created.body)}`);
      const attempt = await call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, { strategy: 'password', password });
      if (attempt.status !== 200) throw new Error(`sign-in attempt answered ${attempt.status}: ${JSON.stringify(attempt.body)}`);
      sessionId = attempt.body.response.created_session_id as string;
      return sessionId;
    },
    useSession(id: string | null) {
      sessionId = id;
    },
    get sessionId() {
      return sessionId;
    },
  };
}

export type FapiBrowser = ReturnType<typeof fapiBrowser>;

/** What <SignUp> sends: the ticket alone on load, then the password with the ticket and the (disabled) invited address. */
export async function signUpWithTicket(browser: FapiBrowser, ticket: string, emailAddress: string) {
  const created = await browser.call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
  if (created.status !== 200) return created;
  return browser.call('PATCH', `/client/sign_ups/${created.body.response.id}`, {
    strategy: 'ticket',
    ticket,
    email_address: emailAddress,
    password: 'a-long-password',
  });
}

/** The payload of a JWT, unverified (the tests verify signatures where that is the point). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as loose as ClerkEnvelope, for the same reason
export function jwtPayload(jwt: string): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- see above
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}
