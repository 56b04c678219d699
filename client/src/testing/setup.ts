import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { assertNoUnexpectedConsoleError, failOnConsoleError } from './console.ts';
import { stopTestEmulator } from './clerk/emulator.ts';
import { resetPostFixtures } from './mocks/data/posts-store.ts';
import { closePage, trackPageTimers } from './page-timers.ts';
import { server } from './mocks/server.ts';

// How long findBy* and waitFor wait at most. They return as soon as what they wait for shows, so a longer bound costs
// a passing test nothing; Testing Library's 1 s was too short for a lazy route's first import on a busy two-core
// machine, where CI runs the vitest suites beside each other and beside the end-to-end suite.
configure({ asyncUtilTimeout: 5_000 });

// While a test runs, the page is the tab the user is on, as in a browser: jsdom's document has focus only while an
// element does. clerk-js reads it: `setActive` touches the session (persisting an organization switch on Clerk's side)
// only when it has. Once the test ends the tab is left, and a clerk-js of the test that lives on polls at its slower
// pace (5 s rather than 1.5 s).
let pageHasFocus = false;
Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => pageHasFocus });
beforeEach(() => {
  pageHasFocus = true;
});

// Any request without a handler is a bug in the test or the app: fail loudly.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => failOnConsoleError());
afterEach(async () => {
  pageHasFocus = false;
  cleanup();
  server.resetHandlers();
  server.events.removeAllListeners();
  // Clerk's data (people added, names and roles changed, sessions) and this browser's Clerk cookies go with the test.
  await stopTestEmulator();
  clearCookies();
  resetPostFixtures();
  window.localStorage.clear();
  assertNoUnexpectedConsoleError();
});

function clearCookies() {
  for (const cookie of document.cookie.split('; ').filter(Boolean)) {
    document.cookie = `${cookie.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}
afterAll(() => {
  server.close();
  closePage();
});

trackPageTimers();
