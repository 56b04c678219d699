// zod/mini: this module is in the first JavaScript a visitor loads, and zod/mini tree-shakes to a few KB.
import { z } from 'zod/mini';
import { LOCAL_CLERK_PROXY_PATH, LOCAL_CLERK_PUBLISHABLE_KEY } from '#shared/local-clerk';

/**
 * The SPA's build-time configuration. Vite inlines `VITE_*` variables at build
 * time, so anything here ends up in the public bundle: never a secret.
 *
 * With `VITE_CLERK_PUBLISHABLE_KEY` the app runs against real Clerk; without it
 * it runs in local mode: the same Clerk SDK, configured with the local
 * development key and the proxy path the Clerk emulator answers behind.
 */
const EnvSchema = z.object({
  VITE_API_URL: z._default(z.url(), 'http://localhost:3001'),
  VITE_CLERK_PUBLISHABLE_KEY: z.optional(
    z.string().check(z.regex(/^pk_(test|live)_[A-Za-z0-9+/=]+$/, 'must be a Clerk publishable key (pk_test_… or pk_live_…)')),
  ),
  // For a Clerk proxy (https://clerk.com/docs/guides/dashboard/dns-domains/proxy-fapi): an absolute URL or a path on this origin.
  VITE_CLERK_PROXY_URL: z.optional(z.string().check(z.regex(/^(https:\/\/|\/)\S*$/, 'must be an https:// URL or a path starting with /'))),
  // 'false' turns Clerk's telemetry off in Clerk mode too; local mode never sends it.
  VITE_CLERK_TELEMETRY: z.optional(z.enum(['true', 'false'])),
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

/**
 * Clerk's settings for either mode: the only place the two differ. The test
 * reads `import.meta.env` itself because Vite inlines the variable at build
 * time: a Clerk-mode build has no local-mode branch, so not even the source of
 * shared/local-clerk.ts (seeded accounts, their password) reaches it or its
 * source maps. An empty value means unset, as in parseEnv.
 */
function clerkSettings() {
  if (!import.meta.env.VITE_CLERK_PUBLISHABLE_KEY) {
    // Local mode sends nothing anywhere but the emulator, telemetry included.
    return {
      authMode: 'local',
      clerkPublishableKey: LOCAL_CLERK_PUBLISHABLE_KEY,
      clerkProxyUrl: LOCAL_CLERK_PROXY_PATH,
      clerkTelemetry: false,
    } as const;
  }
  return {
    authMode: 'clerk',
    // Set whenever the raw variable is (parseEnv validated it).
    clerkPublishableKey: parsed.VITE_CLERK_PUBLISHABLE_KEY ?? '',
    clerkProxyUrl: parsed.VITE_CLERK_PROXY_URL?.replace(/\/$/, ''),
    clerkTelemetry: parsed.VITE_CLERK_TELEMETRY !== 'false',
  } as const;
}

export const env = {
  apiUrl: parsed.VITE_API_URL.replace(/\/$/, ''),
  ...clerkSettings(),
} as const;
