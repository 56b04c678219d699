import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { createQueryClient, shouldRetry } from './query-client.ts';

const apiError = (status: number, code: string) => new ApiError({ status, code, message: code });

describe('shouldRetry', () => {
  it('never retries a 4xx answer', () => {
    expect(shouldRetry(0, apiError(401, 'unauthenticated'))).toBe(false);
    expect(shouldRetry(0, apiError(400, 'validation_failed'))).toBe(false);
  });

  it('retries network failures and 5xx answers twice', () => {
    for (const error of [apiError(0, 'network_error'), apiError(503, 'upstream_unavailable')]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(true);
      expect(shouldRetry(2, error)).toBe(false);
    }
  });
});

describe('createQueryClient', () => {
  it('keeps data fresh for 30 seconds and never retries mutations', () => {
    const defaults = createQueryClient().getDefaultOptions();
    expect(defaults.queries?.staleTime).toBe(30_000);
    expect(defaults.mutations?.retry).toBe(false);
  });
});
