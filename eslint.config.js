// ESLint and its plugins live in tools/lint, a package of their own (the file
// below says why); this file only lets ESLint and editors find the config.
export { default } from './tools/lint/eslint.config.js';
