import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.ts';

const MAX_RETRIES = 2;

/** Retry what a retry can fix (network failures, 5xx), never a 4xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.isClientError) return false;
  return failureCount < MAX_RETRIES;
}

export interface QueryClientOptions {
  /** Milliseconds between retries; tests pass 0 to keep the real retry policy without waiting. */
  retryDelay?: number;
}

export function createQueryClient({ retryDelay }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        ...(retryDelay === undefined ? {} : { retryDelay }),
      },
      // Writes retry only where they opt in (creating a post does, with an Idempotency-Key). While the browser
      // is offline a write waits (`isPaused`, which the forms show) and is sent once it is back online.
      mutations: { retry: false, networkMode: 'online', ...(retryDelay === undefined ? {} : { retryDelay }) },
    },
  });
}
