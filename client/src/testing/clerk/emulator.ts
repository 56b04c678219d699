import { createClerkClient, type ClerkClient } from '@clerk/backend';
import inject from 'light-my-request';
import { http, type HttpHandler } from 'msw';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject as provided } from 'vitest';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import type { SessionTokenInput } from '#shared/session-token';
import { createEmulatorApp } from '../../../../server/src/clerk-emulator/app.ts';
import { Inbox } from '../../../../server/src/clerk-emulator/mail/inbox.ts';
import { mintSessionToken } from '../../../../server/src/clerk-emulator/tokens/session-token.ts';
import { readStore, type EmulatorStore } from '../../../../server/src/clerk-emulator/store/store.ts';
import { loadOrCreateKeys, type LocalKeys } from '../../../../server/src/common/local-keys.ts';

/**
 * The Clerk emulator of one component test, answering in-process: MSW hands every request for the Frontend API
 * (clerk-js's, under the proxy path on the page's origin) and the Backend API (the mock API's, under `/v1`) to the
 * emulator's own Express app, as `@emulators/adapter-msw` does for vercel-labs/emulate. Clerk's clerk-js keeps its
 * real URLs and its real code; only the network is replaced.
 */
export interface TestEmulator {
  /** Clerk's data in this test: users, organizations, memberships, clients and sessions. */
  store: EmulatorStore;
  keys: LocalKeys;
  /** Clerk's Backend API client, as the real API holds one, pointed at this emulator. */
  backend: ClerkClient;
}

/** jsdom's page origin: the SPA, the proxy path of the Frontend API, and (for the mock API) the Backend API. */
const origin = window.location.origin;

interface Running extends TestEmulator {
  app: ReturnType<typeof createEmulatorApp>;
  dataDir: string;
}

let template: { dir: string; keys: LocalKeys } | null = null;
let running: Running | null = null;

/**
 * The header in which each test's clerk-js names itself on its Frontend API calls (test-clerk.ts). A clerk-js of a
 * test that has ended lives on (a pending load, a BroadcastChannel listener) and must reach nothing of the next test.
 */
export const PAGE_CLERK_HEADER = 'x-test-clerk';
const livePageClerks = new Set<string>();

/** A clerk-js of this test, whose calls are answered until the test ends. */
export function admitPageClerk(name: string): void {
  livePageClerks.add(name);
}

export function isPageClerkLive(name: string): boolean {
  return livePageClerks.has(name);
}

function seededTemplate() {
  if (!template) {
    const dir = provided('clerkEmulatorTemplate');
    template = { dir, keys: loadOrCreateKeys(dir) };
  }
  return template;
}

/** This test's emulator, started on first use from a copy of the seed; `stopTestEmulator` ends it after the test. */
export function testEmulator(): TestEmulator {
  if (running) return running;
  const { dir, keys } = seededTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'clerk-emulator-test-'));
  cpSync(dir, dataDir, { recursive: true });
  const store = readStore(dataDir);
  if (!store) throw new Error(`The emulator's seeded template in ${dir} has no store.`);
  const app = createEmulatorApp({ store, keys, inbox: new Inbox(dataDir), issuer: origin, authorizedParties: [origin] });
  const backend = createClerkClient({ secretKey: keys.secretKey, apiUrl: origin });
  running = { store, keys, backend, app, dataDir };
  return running;
}

export async function stopTestEmulator(): Promise<void> {
  livePageClerks.clear();
  if (!running) return;
  const { store, dataDir } = running;
  running = null;
  await store.flush();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The headers a browser adds to the page's own requests and Node's fetch does not: `Referer` (the page, as the
 * default referrer policy sends it on same-origin requests) and `Origin` on anything but GET and HEAD. The emulator
 * reads them as Clerk does, to know which page asks (tokens are minted for authorized origins only).
 */
function asFromThePage(request: Request, reading: boolean): Record<string, string> {
  const sent = new Headers(request.headers);
  sent.delete(PAGE_CLERK_HEADER);
  const headers = Object.fromEntries(sent);
  headers.referer ??= window.location.href;
  if (!reading) headers.origin ??= origin;
  return headers;
}

/** A fetch Request, answered by the emulator's Express app without a socket. */
async function answer(request: Request, fromThePage: boolean): Promise<Response> {
  // A clerk-js of a test that has ended may still be on its way (its first request in flight): it gets no answer, so
  // nothing of it (a dev-browser cookie, say) lands in the next test's page.
  const emulator = running;
  const pageClerk = request.headers.get(PAGE_CLERK_HEADER);
  if (!emulator || (pageClerk !== null && !livePageClerks.has(pageClerk))) return unanswered();
  const { app } = emulator;
  const reading = request.method === 'GET' || request.method === 'HEAD';
  const body = reading ? undefined : Buffer.from(await request.arrayBuffer());
  const reply = await inject(app, {
    method: request.method as 'GET',
    url: request.url,
    headers: fromThePage ? asFromThePage(request, reading) : Object.fromEntries(request.headers),
    ...(body ? { payload: body } : {}),
  });
  if (running !== emulator) return unanswered();
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item));
  }
  return new Response(reply.statusCode === 204 || reply.statusCode === 304 ? null : new Uint8Array(reply.rawPayload), {
    status: reply.statusCode,
    headers,
  });
}

function unanswered(): Promise<never> {
  return new Promise<never>(() => {});
}

/** The emulator's answer to a Frontend API request (from clerk-js, in the page), for handlers that hold one up first. */
export const answerFrontendApi = (request: Request) => answer(request, true);

/** Clerk's two APIs, in process: the Frontend API for the page, the Backend API for the mock API (server to server). */
export const emulatorHandlers: HttpHandler[] = [
  http.all(`${origin}${LOCAL_CLERK_PROXY_PATH}/*`, ({ request }) => answerFrontendApi(request)),
  http.all(`${origin}/v1/*`, ({ request }) => answer(request, false)),
];

/** A session token signed by this test's emulator, for requests a test sends to the mock API itself. */
export function signedSessionToken(input: Omit<SessionTokenInput, 'jti' | 'issuer' | 'azp'>): string {
  return mintSessionToken({ ...input, issuer: origin, azp: origin }, testEmulator().keys);
}
