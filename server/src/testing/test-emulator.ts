import { createClerkClient, type ClerkClient } from '@clerk/express';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulatorApp } from '../clerk-emulator/app.ts';
import type { ClerkOptions } from '../auth/clerk-options.ts';
import { loadOrCreateKeys, publishableKeyFor, type LocalKeys } from '../common/local-keys.ts';
import { Inbox } from '../clerk-emulator/mail/inbox.ts';
import { openEmulatorStore, openOrSeedEmulatorStore } from '../clerk-emulator/store/seed.ts';
import type { EmulatorStore } from '../clerk-emulator/store/store.ts';
import type { UserLockoutSettings } from '../clerk-emulator/store/user-lockout.ts';
import { startWebhookSender, type WebhookSender, type WebhookSenderOptions } from '../clerk-emulator/webhooks/webhook-sender.ts';
import { formatViolations } from './clerk-spec-check.ts';
import { specCheckedHandler } from './spec-checked-answers.ts';
import { useForEach } from './use-for-each.ts';

/** For tests: a real emulator on an ephemeral loopback port, over a (temporary) data folder. */
export const TEST_SPA_ORIGIN = 'http://localhost:5173';

export interface TestEmulator {
  url: string;
  dataDir: string;
  store: EmulatorStore;
  keys: LocalKeys;
  /** The emails it would have sent, newest first (persisted in the data folder). */
  inbox: Inbox;
  /** Present when the server was started with `webhooks`. */
  webhooks: WebhookSender | null;
  /**
   * Stops the server (idempotent); the data folder stays, so a second server can reopen it.
   * Rejects when an answer strayed from Clerk's specs (testing/clerk-spec-check.ts).
   */
  close(): Promise<void>;
}

export function makeTempDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'clerk-emulator-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * Seeding hashes five passwords and creating keys makes an RSA pair, about half
 * a second together: a test file seeds one template folder and copies it per test.
 */
async function makeSeededTemplate(): Promise<{ dataDir: string; remove(): void }> {
  const template = makeTempDataDir();
  await openEmulatorStore(template.dataDir);
  loadOrCreateKeys(template.dataDir);
  return template;
}

export function copyDataDir(from: string): { dataDir: string; remove(): void } {
  const copy = makeTempDataDir();
  cpSync(from, copy.dataDir, { recursive: true });
  return copy;
}

export async function startTestEmulator(
  dataDir: string,
  options: {
    authorizedParties?: string[];
    now?: () => number;
    tokenTtlSeconds?: number;
    /** Where the emulator logs (silent without one). */
    logger?: Logger;
    /** The environment's user_lockout (Clerk's defaults without it). */
    userLockout?: UserLockoutSettings;
    /** Whether the environment offers passkeys (the emulator's default without it). */
    passkeys?: boolean;
    /** Deliver webhooks (none without it: tests never post to a port they did not open). */
    webhooks?: Pick<WebhookSenderOptions, 'url' | 'secret' | 'retryDelaysMs' | 'refusedRetryDelaysMs' | 'attemptTimeoutMs' | 'logger'>;
  } = {},
): Promise<TestEmulator> {
  // Listen first so the issuer (and avatar URLs) carry the real ephemeral port.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { store, seeded } = await openOrSeedEmulatorStore(dataDir);
  const keys = loadOrCreateKeys(dataDir);
  const inbox = new Inbox(dataDir);
  const app = createEmulatorApp({
    store,
    keys,
    inbox,
    issuer: url,
    authorizedParties: options.authorizedParties ?? [TEST_SPA_ORIGIN],
    ...(options.now ? { now: options.now } : {}),
    ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.userLockout ? { userLockout: options.userLockout } : {}),
    ...(options.passkeys === undefined ? {} : { passkeys: options.passkeys }),
  });
  // Every answer is checked against Clerk's specs; close() fails the test that got one that strays.
  const checked = specCheckedHandler(app);
  server.on('request', checked.handle);
  const webhooks = options.webhooks ? startWebhookSender(store, { ...options.webhooks, dataDir, issuer: url, instanceId: keys.kid }) : null;
  // As main.ts does on a first start.
  if (seeded) webhooks?.announceExisting();
  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= (webhooks?.close() ?? Promise.resolve())
      .then(
        () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      )
      // As main.ts does on shutdown: the last changes reach the data folder before another server reads it.
      .then(() => store.flush())
      .then(() => {
        const violations = checked.violations();
        if (violations.length) throw new Error(`answers that stray from Clerk's specs:\n${formatViolations(violations)}`);
      }));
  return { url, dataDir, store, keys, inbox, webhooks, close };
}

/** Clerk's own Backend API client for a test's emulator; ask again after a restart (another port). */
export function backendClientFor(emulator: Pick<TestEmulator, 'url' | 'keys'>): ClerkClient {
  return createClerkClient({
    secretKey: emulator.keys.secretKey,
    apiUrl: emulator.url,
    publishableKey: publishableKeyFor(emulator.url),
    // Offline: a development key would otherwise send SDK telemetry to Clerk.
    telemetry: { disabled: true },
  });
}

/** What the API is given in local mode (auth/clerk-options.ts), for a test's own emulator. */
export function localClerkOptionsFor(emulator: Pick<TestEmulator, 'url' | 'keys'>): ClerkOptions {
  return {
    mode: 'local',
    secretKey: emulator.keys.secretKey,
    publishableKey: publishableKeyFor(emulator.url),
    jwtKey: emulator.keys.publicKeyPem,
    apiUrl: emulator.url,
    authorizedParties: [TEST_SPA_ORIGIN],
  };
}

export type TestEmulatorOptions = NonNullable<Parameters<typeof startTestEmulator>[1]>;

/** The running emulator of a test file (see useSeededEmulator). */
export interface SeededEmulator extends TestEmulator {
  /** Stops this test's server and starts another over the same data, e.g. with other options. */
  restart(options?: TestEmulatorOptions): Promise<void>;
}

/** The seed, built once for the file (see makeSeededTemplate); its folder for copies. */
export function useSeededTemplate(): () => string {
  const template = useForEach('file', makeSeededTemplate, (seeded) => seeded.remove());
  return () => template().dataDir;
}

/**
 * For a test file: a seeded emulator (seeded once for the file, then
 * copied), started for each test (`per: 'test'`, the default) or once for the
 * file. Register it at the top of a file or describe block; the answer stands
 * for the server that is running.
 */
export function useSeededEmulator(options: TestEmulatorOptions & { per?: 'test' | 'file' } = {}): SeededEmulator {
  const { per = 'test', ...serverOptions } = options;
  const templateDir = useSeededTemplate();
  const running = useForEach(
    per,
    async () => {
      const data = copyDataDir(templateDir());
      return { data, server: await startTestEmulator(data.dataDir, serverOptions) };
    },
    async ({ data, server }) => {
      await server.close();
      data.remove();
    },
  );
  return {
    get url() {
      return running().server.url;
    },
    get dataDir() {
      return running().server.dataDir;
    },
    get store() {
      return running().server.store;
    },
    get keys() {
      return running().server.keys;
    },
    get webhooks() {
      return running().server.webhooks;
    },
    get inbox() {
      return running().server.inbox;
    },
    close: () => running().server.close(),
    async restart(restartOptions = serverOptions) {
      const current = running();
      await current.server.close();
      current.server = await startTestEmulator(current.data.dataDir, restartOptions);
    },
  };
}
