import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { assertNoUnexpectedConsoleError, failOnConsoleError } from './console.ts';
import { resetPersonas } from './clerk/personas.ts';
import { resetPostFixtures } from './mocks/data/posts-store.ts';
import { server } from './mocks/server.ts';

// Any request without a handler is a bug in the test or the app: fail loudly.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => failOnConsoleError());
afterEach(() => {
  cleanup();
  server.resetHandlers();
  server.events.removeAllListeners();
  // People added and names or roles changed in one test must not leak into the next.
  resetPersonas();
  resetPostFixtures();
  window.localStorage.clear();
  assertNoUnexpectedConsoleError();
});
afterAll(() => server.close());
