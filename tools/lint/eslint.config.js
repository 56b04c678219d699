// The project's ESLint configuration (the root eslint.config.js re-exports it).
//
// Linting is two tools (`npm run lint` runs both). oxlint with oxlint-tsgolint
// (the root's .oxlintrc.json) runs ESLint's recommended rules and
// typescript-eslint's strict-type-checked and stylistic-type-checked sets, the
// type-aware ones on typescript-go, the TypeScript 7 the app compiles with.
// ESLint (this file) runs what oxlint has no rules for: the import boundaries,
// React's hooks rules with the React Compiler's, TanStack Query's, and the
// shared/ import rule (its regex needs a look-ahead, which oxlint's lacks).
// None of those needs type information, so ESLint builds no TypeScript program:
// that was most of its time (typed linting on a second TypeScript, 6.0).
//
// Why it lives in tools/lint with its own package.json and lockfile: ESLint
// still parses TypeScript with typescript-eslint's parser, which needs
// TypeScript's JavaScript API (5.x/6.0, parsing only), and the root's
// TypeScript 7 (tsgo) no longer ships it. npm cannot hold two `typescript`
// versions at the root, and as a workspace npm hoists some of
// typescript-eslint's helpers next to the root's TypeScript 7, where they
// break. `npm run lint` installs this package (ensure-installed.sh) when it is
// missing or its lockfile changed.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tanstackQuery from '@tanstack/eslint-plugin-query';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Test code and its support: may import test helpers, the emulator and the app's internals. */
const testFiles = ['**/*.test.{ts,tsx}', '**/*.services-test.ts', 'client/src/testing/**', 'server/src/testing/**', 'e2e/**'];

const features = readdirSync(new URL('../../client/src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Which folder may import which, the way bulletproof-react enforces it
 * (import-x/no-restricted-paths, resolved through the tsconfigs' `@/*` path and
 * package.json's `#shared/*` import). One-way flow: app → features → shared layers.
 */
const boundaries = [
  {
    target: './client',
    from: './server',
    // The component tests run the Clerk emulator in-process (client/src/testing/clerk/): its app, and what it is made of.
    except: ['./src/clerk-emulator', './src/common/local-keys.ts', './src/testing/fapi-browser.ts'],
    message: 'The client and the server share code only through shared/.',
  },
  {
    target: ['./client/!(src)/**', './client/src/!(testing)/**', './client/src/testing/!(clerk)/**'],
    from: './server',
    message:
      'The client and the server share code only through shared/; only client/src/testing/clerk/ runs the Clerk emulator (for component tests).',
  },
  { target: './server', from: './client', message: 'The client and the server share code only through shared/.' },
  {
    target: './shared',
    from: ['./client', './server', './e2e'],
    message: 'shared/ holds schemas and types both sides import: it imports neither side.',
  },
  { target: './e2e', from: './client', message: 'End-to-end specs drive the built app over HTTP.' },
  {
    target: './e2e',
    from: './server',
    // The one exception: what Chromium receives from the emulator is checked against Clerk's spec, as the emulator's own tests do.
    except: ['./src/testing/spec-checked-answers.ts', './src/testing/clerk-spec-check.ts'],
    message: 'End-to-end specs drive the built app over HTTP.',
  },
  ...features.map((feature) => ({
    target: `./client/src/features/${feature}`,
    from: './client/src/features',
    except: [`./${feature}`],
    message: 'Features never import each other: compose them in app/, or move what they share to a shared layer.',
  })),
  { target: './client/src/features', from: './client/src/app', message: 'Imports flow app → features, never back.' },
  {
    target: ['./client/src/components', './client/src/lib', './client/src/config'],
    from: ['./client/src/features', './client/src/app'],
    message: 'Shared layers (components, lib, config) import neither features nor app.',
  },
];

/** Production code additionally stays clear of test support and of the Clerk emulator. */
const productionBoundaries = [
  ...boundaries,
  {
    target: './client',
    from: './client/src/testing',
    message: 'Production code never imports test support or tests.',
  },
  {
    target: './client',
    from: ['./client/src/**/*.test.{ts,tsx}'],
    message: 'Production code never imports test support or tests.',
  },
  {
    target: './server',
    from: './server/src/testing',
    message: 'Production code never imports test support or tests.',
  },
  {
    // Expected answers (the shared policy table): both suites run them, production code never reads them.
    target: ['./client', './server', './shared/*.ts'],
    from: './shared/testing',
    message: 'shared/testing/ holds test data: only tests and their support import it.',
  },
  {
    target: './server',
    from: ['./server/**/*.test.ts', './server/**/*.services-test.ts'],
    message: 'Production code never imports test support or tests.',
  },
  {
    // The emulator is its own process: what it shares with the API (local keys, env parsing, the error type) is in common/.
    target: ['./server/src/*.ts', './server/src/!(clerk-emulator|common)/**'],
    from: './server/src/clerk-emulator',
    message: 'The API imports nothing of the Clerk emulator: move what both need to server/src/common/.',
  },
  {
    target: './server/src/clerk-emulator',
    from: ['./server/src/*.ts', './server/src/!(clerk-emulator|common)/**'],
    message: 'The Clerk emulator imports nothing of the API: move what both need to server/src/common/.',
  },
  {
    target: './server/src/common',
    from: ['./server/src/*.ts', './server/src/!(common)/**'],
    message: 'server/src/common/ is what the API and the Clerk emulator share: it imports neither.',
  },
  {
    // Routers are the HTTP edge and use middleware; services, policies and data access take
    // HttpError and Caller from common/, so they can be called from anywhere (jobs, CLIs, tests).
    target: './server/src/!(middleware|clerk-emulator|common)/**/!(*-router).ts',
    from: './server/src/middleware',
    message: 'Domain code does not import middleware/: take HttpError and Caller from server/src/common/ (only routers use middleware).',
  },
];

export default defineConfig(
  globalIgnores(['**/dist/', '**/.local/', 'e2e/.artifacts/', 'test-results/', 'playwright-report/', 'server/drizzle/', 'tools/lint/node_modules/']),
  // Off: most disable comments name rules that oxlint runs, which ESLint would call unused.
  { linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'error' } },
  // Parsed, not type-checked; typescript-eslint's plugin is registered so that disable comments naming its rules resolve.
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },

  {
    files: ['client/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest'], tanstackQuery.configs['flat/recommended']],
  },

  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['client/tsconfig.json', 'server/tsconfig.json', 'e2e/tsconfig.json', 'shared/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: productionBoundaries }],
    },
  },
  {
    files: [...testFiles, 'server/bench/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaries }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(/|$)|\\.{1,2}/|#shared/)',
              message: 'shared/ imports only zod: no I/O, nothing either side owns.',
            },
          ],
        },
      ],
    },
  },
);
