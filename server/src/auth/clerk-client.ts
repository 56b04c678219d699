import { createClerkClient, type ClerkClient } from '@clerk/express';
import type { ClerkOptions } from './clerk-options.ts';

/** The one Clerk client of the process: Backend API calls and request authentication. */
export function createApiClerkClient(options: ClerkOptions): ClerkClient {
  return createClerkClient({
    secretKey: options.secretKey,
    publishableKey: options.publishableKey,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    ...(options.jwtKey ? { jwtKey: options.jwtKey } : {}),
    // The Clerk emulator is not a Clerk instance: nothing to report, no notice to print.
    ...(options.mode === 'local' ? { telemetry: { disabled: true } } : {}),
  });
}
