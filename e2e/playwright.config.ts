import { defineConfig, devices } from '@playwright/test';
import { API_ORIGIN, ARTIFACTS_DIR, EMULATOR_ORIGIN, SPA_ORIGIN, SPEC_CHECK_PROXY_ORIGIN } from './support/origins.ts';
import { CHROMIUM_ARGS, resolveChromium } from './support/chromium.ts';

const repoRoot = new URL('..', import.meta.url).pathname;
const emulatorDataDir = `${ARTIFACTS_DIR}emulator-data`;
/** The API's embedded database (PGlite), and the lock file PGlite's folder gets beside it. */
const apiDatabaseDir = `${ARTIFACTS_DIR}api-pglite`;

/**
 * Local mode on purpose: these servers ignore any Clerk keys in `.env`, so the
 * suite needs no account and no internet.
 */
const localModeEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  CLERK_SECRET_KEY: '',
  CLERK_PUBLISHABLE_KEY: '',
  CLERK_JWT_KEY: '',
  CLERK_API_URL: '',
  CLERK_AUTHORIZED_PARTIES: SPA_ORIGIN,
  CLERK_EMULATOR_URL: EMULATOR_ORIGIN,
  CLERK_EMULATOR_DATA_DIR: emulatorDataDir,
  // Tokens shorter than Clerk's 60 s, so a test can outlive one and see clerk-js refresh it.
  CLERK_EMULATOR_TOKEN_TTL_SECONDS: '20',
  // Through the spec-checking proxy to this suite's API's receiver below (not port 3001's).
  CLERK_EMULATOR_WEBHOOK_URL: `${SPEC_CHECK_PROXY_ORIGIN}/api/webhooks/clerk`,
};

/**
 * Where the API's receiver is: it keeps its copy of users from the webhooks, and verifies them with the secret
 * the emulator keeps in CLERK_EMULATOR_DATA_DIR, which both processes share.
 */
const apiWebhookReceiver = `http://127.0.0.1:${new URL(API_ORIGIN).port}/api/webhooks/clerk`;

/**
 * How long each server may take to answer before the suite gives up: a bound, not a wait (the suite starts as soon
 * as all of them answer). CI starts them while the vitest suites keep both cores busy (tools/ci/test.sh).
 */
const SERVER_START_TIMEOUT_MS = 120_000;

export default defineConfig({
  testDir: '.',
  // `npm run measure:paint`, `measure:layout` and `measure:lighthouse` each run one measurement (`<E2E_MEASURE>.measure.ts`) instead of the tests.
  testMatch: process.env.E2E_MEASURE ? `**/${process.env.E2E_MEASURE}.measure.ts` : '**/*.spec.ts',
  outputDir: `${ARTIFACTS_DIR}test-results`,
  // Two spec files at a time: a browser mostly waits (for Clerk, a server, a token to expire), so a second one
  // fills those waits. Tests that change an account use one of their own (support/accounts.ts), never a seeded one.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Checks what the spec-checking proxy recorded between the API and the emulator (support/spec-check-teardown.ts).
  globalTeardown: './support/spec-check-teardown.ts',
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: `${ARTIFACTS_DIR}report` }]],
  use: {
    baseURL: SPA_ORIGIN,
    // A trace records every action's DOM and screenshots, which doubled the suite's CPU time (docs/testing.md):
    // CI records one only when a failed test runs again; a local run keeps the trace of each failure.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      // A fresh emulator store per run: the seeded users, no leftovers.
      command: `rm -rf "${emulatorDataDir}" && npm run start:emulator`,
      url: `${EMULATOR_ORIGIN}/.well-known/jwks.json`,
      env: localModeEnv,
      cwd: repoRoot,
      reuseExistingServer: false,
      timeout: SERVER_START_TIMEOUT_MS,
    },
    {
      // Between the API and the emulator both ways, recording each Backend API answer and webhook event for the
      // teardown to check against Clerk's spec. Its URL is the emulator's JWKS, fetched through it.
      command: 'tsx e2e/support/spec-checking-proxy.ts',
      url: `${SPEC_CHECK_PROXY_ORIGIN}/.well-known/jwks.json`,
      env: { PORT: new URL(SPEC_CHECK_PROXY_ORIGIN).port, BACKEND_API_ORIGIN: EMULATOR_ORIGIN, WEBHOOK_RECEIVER_URL: apiWebhookReceiver },
      cwd: repoRoot,
      reuseExistingServer: false,
      timeout: SERVER_START_TIMEOUT_MS,
    },
    {
      // A fresh database per run too: migrated at start-up, no posts from earlier runs, and none of
      // local mode's demo posts either: the specs expect the board they write.
      command: `rm -rf "${apiDatabaseDir}" "${apiDatabaseDir}.lock" && npm run start:api`,
      url: `${API_ORIGIN}/api/health`,
      // Its Backend API calls go through the spec-checking proxy: in local mode the API calls CLERK_EMULATOR_URL's
      // `/v1` (and derives its publishable key from it; the session tokens it verifies do not depend on that).
      env: {
        ...localModeEnv,
        CLERK_EMULATOR_URL: SPEC_CHECK_PROXY_ORIGIN,
        PORT: new URL(API_ORIGIN).port,
        DATABASE_URL: '',
        PGLITE_DATA_DIR: apiDatabaseDir,
        LOCAL_SEED_POSTS: 'false',
      },
      cwd: repoRoot,
      reuseExistingServer: false,
      timeout: SERVER_START_TIMEOUT_MS,
    },
    {
      command: 'tsx e2e/support/static-server.ts dist/e2e-client',
      url: `${SPA_ORIGIN}/`,
      env: { PORT: new URL(SPA_ORIGIN).port, API_ORIGIN, EMULATOR_ORIGIN },
      cwd: repoRoot,
      reuseExistingServer: false,
      timeout: SERVER_START_TIMEOUT_MS,
    },
  ],
});
