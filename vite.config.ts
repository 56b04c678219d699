import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { compression } from 'vite-plugin-compression2';
import { LOCAL_CLERK_PROXY_PATH, LOCAL_CLERK_PUBLISHABLE_KEY } from './shared/local-clerk.ts';
import { paths } from './client/src/config/paths.ts';
import { clerkScriptPreload, type ClerkScriptSource } from './client/vite/clerk-script-preload.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientSrc = fileURLToPath(new URL('./client/src', import.meta.url));

/**
 * The dev server forwards Clerk's proxy path to the Clerk emulator, which
 * serves clerk-js, Clerk's UI and the Frontend API under that same path (so
 * the path is kept). Only the dev server: a built SPA is served by a host (or
 * the end-to-end static server) that forwards it itself.
 */
function clerkProxy(mode: string) {
  const target = loadEnv(mode, repoRoot, '').CLERK_EMULATOR_URL || 'http://127.0.0.1:3100';
  // changeOrigin false: the emulator sees the page's own Host, as behind a real proxy.
  return { [LOCAL_CLERK_PROXY_PATH]: { target, changeOrigin: false, ws: false } };
}

/**
 * The key and proxy ClerkProvider gets, as client/src/config/env.ts decides
 * them: no publishable key means local mode (the local key behind the proxy path).
 */
function clerkScriptSource(mode: string): ClerkScriptSource {
  const env = loadEnv(mode, repoRoot, 'VITE_');
  if (!env.VITE_CLERK_PUBLISHABLE_KEY) return { publishableKey: LOCAL_CLERK_PUBLISHABLE_KEY, proxyUrl: LOCAL_CLERK_PROXY_PATH };
  return { publishableKey: env.VITE_CLERK_PUBLISHABLE_KEY, proxyUrl: env.VITE_CLERK_PROXY_URL?.replace(/\/$/, '') };
}

/** Pages that show nothing useful before Clerk has loaded: Clerk's own forms, and the pages behind sign-in. */
const pagesNeedingClerkFirst = [paths.signIn, paths.signUp, paths.dashboard, paths.posts, paths.admin];

/**
 * The server's test files that open the test database (server/src/testing/test-database.ts, directly or through
 * posts-app.ts): on PostgreSQL when TEST_DATABASE_URL is set, on in-memory PGlite otherwise. Found by what each file
 * calls rather than listed, so a new database suite is never left out of the PostgreSQL run.
 */
function databaseSuites(): string[] {
  const opensTestDatabase = /\bopenTestDatabase\b|posts-app(\.ts)?['"]/;
  return readdirSync(join(repoRoot, 'server/src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && opensTestDatabase.test(readFileSync(join(repoRoot, 'server/src', file), 'utf8')))
    .map((file) => `server/src/${file}`);
}

/**
 * `npm run test:unit` with PostgreSQL configured leaves the database suites to `npm run test:pg`: each runs once,
 * on the real server. Without it they run in the unit suite, on PGlite.
 */
const databaseSuitesOnPostgres = process.env.DATABASE_SUITES === 'postgres';

export default defineConfig(({ mode }) => ({
  root: 'client',
  // `.env` lives at the repository root, beside this file.
  envDir: repoRoot,
  plugins: [
    react(),
    tailwindcss(),
    clerkScriptPreload({ ...clerkScriptSource(mode), pages: pagesNeedingClerkFirst }),
    // Brotli and gzip copies beside each file (`app.js.br`, `app.js.gz`), at the highest levels, for
    // hosts that serve precompressed files (the end-to-end static server does); others compress themselves.
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  resolve: { alias: { '@': clientSrc } },
  server: { port: 5173, strictPort: true, proxy: clerkProxy(mode) },
  preview: { port: 4173, strictPort: true },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  test: {
    root: repoRoot,
    projects: [
      {
        extends: true,
        test: {
          name: 'client',
          root: repoRoot,
          environment: 'jsdom',
          include: ['client/src/**/*.test.{ts,tsx}'],
          setupFiles: ['client/src/testing/setup.ts'],
          globalSetup: ['client/src/testing/clerk/emulator-template.ts'],
          // A bound, not a wait (as the server's): CI runs the suites side by side on two cores.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          root: repoRoot,
          environment: 'node',
          include: ['server/src/**/*.test.ts', 'shared/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...(databaseSuitesOnPostgres ? databaseSuites() : [])],
          // Tests share loopback ports and a database; files run in parallel, each on its own port.
          testTimeout: 20_000,
          // The files of a worker share one module graph: importing express, Clerk and drizzle again for each of
          // 87 files was a third of the suite's time (docs/testing.md). Each file builds its own apps and state.
          isolate: false,
        },
      },
      {
        // The database suites alone (`npm run test:pg`, on the PostgreSQL server in TEST_DATABASE_URL).
        test: {
          name: 'database',
          root: repoRoot,
          environment: 'node',
          include: databaseSuites(),
          testTimeout: 20_000,
        },
      },
      {
        // Suites that need real shared services (Redis and PostgreSQL): `npm run test:services`,
        // which `npm test` runs when TEST_REDIS_URL and TEST_DATABASE_URL are set, as CI does.
        test: {
          name: 'services',
          root: repoRoot,
          environment: 'node',
          include: ['server/src/**/*.services-test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
}));
