import { fileURLToPath } from 'node:url';
import { loadEnv } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { LOCAL_CLERK_PROXY_PATH } from './shared/local-clerk.ts';

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

export default defineConfig(({ mode }) => ({
  root: 'client',
  // `.env` lives at the repository root, beside this file.
  envDir: repoRoot,
  plugins: [react(), tailwindcss()],
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
          // Tests share loopback ports and a database; files run in parallel, each on its own port.
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
