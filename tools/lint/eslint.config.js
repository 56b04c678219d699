// The project's ESLint configuration (the root eslint.config.js re-exports it).
//
// Why it lives in tools/lint with its own package.json and lockfile: the app
// compiles with TypeScript 7 (the native tsgo compiler), which no longer ships
// TypeScript's JavaScript API, and typescript-eslint's typed linting is built
// on that API (its peer range is typescript >=4.8.4 <6.1.0; its experimental
// tsgo backend still needs classic TypeScript 6.0 beside a 7.1 nightly). npm
// cannot hold two `typescript` versions at the root, and as a workspace npm
// hoists some of typescript-eslint's helpers (ts-api-utils) next to the root's
// TypeScript 7, where they break. In a package of its own, every plugin
// resolves `typescript` to tools/lint/node_modules/typescript (6.0) and
// nothing else changes for the app. `npm run lint` installs it (ensure-installed.sh)
// when it is missing or its lockfile changed.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tanstackQuery from '@tanstack/eslint-plugin-query';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
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
  { target: './client', from: './server', message: 'The client and the server share code only through shared/.' },
  { target: './server', from: './client', message: 'The client and the server share code only through shared/.' },
  {
    target: './shared',
    from: ['./client', './server', './e2e'],
    message: 'shared/ holds schemas and types both sides import: it imports neither side.',
  },
  { target: './e2e', from: ['./client', './server'], message: 'End-to-end specs drive the built app over HTTP.' },
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
  { linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' } },

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One TypeScript service for the whole run, fed by each folder's tsconfig
        // (the root one is a solution file: its references are searched too).
        projectService: true,
        tsconfigRootDir: root,
      },
    },
  },
  {
    rules: {
      // tsc checks these already (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // `!` after noUncheckedIndexedAccess is how this code says "the index or
      // match group was just checked"; tsc keeps the rest honest.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => setOpen(false)` and Express's `return next()` say what they mean.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // An empty string is "not set" for env values, names and messages: `||` is meant there.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // `() => {}` is the explicit no-op callback; empty methods and functions still need a reason.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions'] }],
      // Both `T[]` and `Array<T>` are in use, neither wrongly: not worth a diff on every branch.
      '@typescript-eslint/array-type': 'off',
    },
  },
  {
    files: testFiles,
    rules: {
      // Test doubles implement async interfaces without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // expect(mock.method).toHaveBeenCalled… is how vitest asserts on methods.
      '@typescript-eslint/unbound-method': 'off',
      // Asymmetric matchers (expect.any, expect.objectContaining) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Partial doubles (`{} as Request`) stand in for class instances.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // Clean-up after a beforeAll that may have failed half-way (`await app?.close()`), and
      // DOM reads in the browser (`document.body?.innerText`) before the types' guarantees hold.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },

  {
    files: ['client/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest'], tanstackQuery.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['server/**', 'shared/**', 'e2e/**', '*.{js,ts}', 'tools/**'],
    languageOptions: { globals: globals.node },
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
