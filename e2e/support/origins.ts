/**
 * The end-to-end topology: the built SPA, the API and the Clerk emulator
 * each on its own origin, as in production (a CDN, an API host, Clerk). The
 * ports differ from `npm run dev`'s so both can run at once. The client bundle
 * for these tests is built with the same values (`npm run build:e2e-client`).
 * `E2E_PORT_OFFSET` moves all of them, so two checkouts can run the suite at once.
 */
const portOffset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const SPA_ORIGIN = `http://localhost:${String(4300 + portOffset)}`;
export const API_ORIGIN = `http://localhost:${String(3401 + portOffset)}`;
export const EMULATOR_ORIGIN = `http://127.0.0.1:${String(3400 + portOffset)}`;
/** Between the API and the emulator, both ways: records what Clerk's spec is checked against (support/spec-checking-proxy.ts). */
export const SPEC_CHECK_PROXY_ORIGIN = `http://127.0.0.1:${String(3402 + portOffset)}`;
export const ARTIFACTS_DIR = new URL('../.artifacts/', import.meta.url).pathname;
/** Where `npm run build:e2e-client` writes the SPA these tests serve. */
export const BUILT_SPA_DIR = new URL('../../dist/e2e-client/', import.meta.url).pathname;
