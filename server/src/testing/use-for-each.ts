import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { OPEN_TIMEOUT_MS } from './test-database.ts';

/**
 * Hooks for what a test file uses `per` test (a fresh one for each, for tests
 * that change it) or once for the file (for tests that only read): `start`
 * before, `stop` after. Register at the top of a file or describe block. The
 * answer reads the running one, and fails when there is none.
 */
export function useForEach<T>(per: 'test' | 'file', start: () => Promise<T>, stop: (value: T) => Promise<void> | void): () => T {
  let current: T | undefined;
  const [before, after] = per === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  // Starting a stack may open a test database, which can take a while.
  before(async () => {
    current = await start();
  }, OPEN_TIMEOUT_MS);
  after(async () => {
    if (current !== undefined) await stop(current);
    current = undefined;
  });
  return () => current ?? fail('this test file has nothing running: use it inside a test or a hook');
}

function fail(message: string): never {
  throw new Error(message);
}
