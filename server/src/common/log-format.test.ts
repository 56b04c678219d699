import { describe, expect, it } from 'vitest';
import { logDestination } from './log-format.ts';

describe('logDestination', () => {
  it("leaves json to pino's own stdout, so production never loads pino-pretty", () => {
    expect(logDestination('json')).toBeUndefined();
  });
});
