import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientSrc = fileURLToPath(new URL('./client/src', import.meta.url));

export default defineConfig({
  root: 'client',
  // `.env` lives at the repository root, beside this file.
  envDir: repoRoot,
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': clientSrc } },
  server: { port: 5173, strictPort: true },
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
});
