// zod/mini: this module is in the first JavaScript a visitor loads, and zod/mini tree-shakes to a few KB.
import { z } from 'zod/mini';

/**
 * The SPA's build-time configuration. Vite inlines `VITE_*` variables at build
 * time, so anything here ends up in the public bundle: never a secret.
 *
 * With `VITE_CLERK_PUBLISHABLE_KEY` the app runs against real Clerk; without it
 * it runs in local mode against the local identity server.
 */
const EnvSchema = z.object({
  VITE_API_URL: z._default(z.url(), 'http://localhost:3001'),
  VITE_CLERK_PUBLISHABLE_KEY: z.optional(
    z.string().check(z.regex(/^pk_(test|live)_[A-Za-z0-9+/=]+$/, 'must be a Clerk publishable key (pk_test_… or pk_live_…)')),
  ),
  VITE_LOCAL_IDENTITY_URL: z._default(z.url(), 'http://127.0.0.1:3100'),
});

function parseEnv(raw: Record<string, unknown>) {
  // Empty strings from an `.env` line like `VITE_CLERK_PUBLISHABLE_KEY=` mean "unset".
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid client configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

const parsed = parseEnv(import.meta.env);

export const env = {
  apiUrl: parsed.VITE_API_URL.replace(/\/$/, ''),
  clerkPublishableKey: parsed.VITE_CLERK_PUBLISHABLE_KEY,
  localIdentityUrl: parsed.VITE_LOCAL_IDENTITY_URL.replace(/\/$/, ''),
  authMode: parsed.VITE_CLERK_PUBLISHABLE_KEY ? 'clerk' : 'local',
} as const;
