import { vi, type MockInstance } from 'vitest';

/**
 * `console.error` fails the test (as in epic-stack): React warnings, act()
 * problems and unexpected errors must not scroll by unnoticed. A test that
 * expects an error calls `allowConsoleError()` first.
 */
let spy: MockInstance<typeof console.error> | null = null;
let allowed = false;

export function failOnConsoleError() {
  allowed = false;
  const original = console.error;
  spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (allowed) return;
    original(...args);
    throw new Error('console.error was called; call allowConsoleError() in a test that expects it.');
  });
}

/** Lets this test log errors; returns the spy so the test can assert on what was logged. */
export function allowConsoleError(): MockInstance<typeof console.error> {
  allowed = true;
  if (!spy) throw new Error('failOnConsoleError() has not run: is client/src/testing/setup.ts loaded?');
  return spy;
}

/** Throwing inside console.error can be swallowed by the caller, so the call count is checked too. */
export function assertNoUnexpectedConsoleError() {
  const calls = spy?.mock.calls.length ?? 0;
  const wasAllowed = allowed;
  spy?.mockRestore();
  spy = null;
  allowed = false;
  if (calls > 0 && !wasAllowed) throw new Error(`console.error was called ${calls} time(s) during the test.`);
}
