/**
 * The end-to-end topology: the built SPA, the API and the local identity server
 * each on its own origin, as in production (a CDN, an API host, Clerk). The
 * ports differ from `npm run dev`'s so both can run at once. The client bundle
 * for these tests is built with the same values (`npm run build:e2e-client`).
 */
export const SPA_ORIGIN = 'http://localhost:4300';
export const API_ORIGIN = 'http://localhost:3401';
export const IDENTITY_ORIGIN = 'http://127.0.0.1:3400';
export const ARTIFACTS_DIR = new URL('../.artifacts/', import.meta.url).pathname;
/** Where `npm run build:e2e-client` writes the SPA these tests serve. */
export const BUILT_SPA_DIR = new URL('../../dist/e2e-client/', import.meta.url).pathname;
