import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './listen.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface FakeBackendApi {
  url: string;
  /** Clerk user JSON by id, as `GET /v1/users/:id` answers it. */
  users: Map<string, Record<string, unknown>>;
  /** Any other GET answer, by path (e.g. `/v1/organizations/acme`), as the Backend API would send it. */
  answers: Map<string, unknown>;
  requests: RecordedRequest[];
  /** Every following request gets this status (with Clerk's error JSON, or these errors) until `failWith(null)`. */
  failWith(status: number | null, headers?: Record<string, string>, errors?: ClerkErrorJson[]): void;
  close(): Promise<void>;
}

/**
 * A tiny stand-in for Clerk's Backend API: `GET /v1/users/:id` and any canned
 * GET answer behind the secret key, in Clerk's JSON shapes, with switchable
 * failures. (The Clerk emulator is the full stand-in; this one can
 * answer what Clerk never should.)
 */
export async function startFakeBackendApi(secretKey: string): Promise<FakeBackendApi> {
  const users = new Map<string, Record<string, unknown>>();
  const answers = new Map<string, unknown>();
  const requests: RecordedRequest[] = [];
  let failure: { status: number; headers: Record<string, string>; errors: ClerkErrorJson[] | undefined } | null = null;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
    if (failure) {
      clerkError(res, failure.status, 'internal_clerk_error', failure.headers, failure.errors);
      return;
    }
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      clerkError(res, 401, 'authentication_invalid');
      return;
    }
    const match = /^\/v1\/users\/([^/]+)$/.exec(path);
    const user = match && req.method === 'GET' ? users.get(decodeURIComponent(match[1]!)) : undefined;
    const answer = user ?? (req.method === 'GET' ? answers.get(path) : undefined);
    if (answer === undefined) {
      clerkError(res, 404, 'resource_not_found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  };

  const server = await listen(handle);
  return {
    url: server.baseUrl,
    users,
    answers,
    requests,
    failWith: (status, headers = {}, errors) => {
      failure = status === null ? null : { status, headers, errors };
    },
    close: server.close,
  };
}

/** One entry of the Backend API's `errors` array. */
export interface ClerkErrorJson {
  code: string;
  message: string;
  long_message?: string;
  meta?: { param_name?: string };
}

function clerkError(res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}, errors?: ClerkErrorJson[]): void {
  const body = { errors: errors ?? [{ code, message: code.replace(/_/g, ' '), long_message: code }], clerk_trace_id: 'trace_fake' };
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Clerk's user JSON (Backend API shape), secrets in its private and unsafe metadata included. */
export function clerkUserJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    object: 'user',
    id: 'user_test_ada',
    first_name: 'Ada',
    last_name: 'Lovelace',
    username: null,
    image_url: 'https://img.example.test/ada.png',
    has_image: true,
    primary_email_address_id: 'idn_primary',
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: [emailAddress('idn_secondary', 'ada.old@example.test'), emailAddress('idn_primary', 'ada@example.test')],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    enterprise_accounts: [],
    public_metadata: { role: 'admin' },
    private_metadata: { stripeCustomerId: 'cus_PRIVATE_SECRET' },
    unsafe_metadata: { note: 'UNSAFE_USER_WRITTEN' },
    external_id: 'EXTERNAL_ID_SECRET',
    last_sign_in_at: 1_767_225_600_000,
    last_active_at: 1_767_225_600_000,
    banned: false,
    locked: false,
    created_at: 1_735_689_600_000,
    updated_at: 1_767_225_600_000,
    create_organization_enabled: true,
    delete_self_enabled: true,
    ...overrides,
  };
}

function emailAddress(id: string, address: string): Record<string, unknown> {
  return {
    object: 'email_address',
    id,
    email_address: address,
    verification: { object: 'verification_email_code', status: 'verified', strategy: 'email_code', attempts: 1, expire_at: null },
    linked_to: [],
  };
}
