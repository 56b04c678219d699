import { loadOrCreateKeys, loadOrCreateWebhookSigningSecret, publishableKeyFor } from '../common/local-keys.ts';
import type { Config } from '../env.ts';

/**
 * What `createClerkClient` and `clerkMiddleware` need, identical in both modes:
 * only where the values come from differs.
 */
export interface ClerkOptions {
  mode: 'clerk' | 'local';
  secretKey: string;
  publishableKey: string;
  /** PEM public key: tokens are verified without a network call when it is set. */
  jwtKey?: string;
  /** Backend API base URL; Clerk's own when unset. */
  apiUrl?: string;
  authorizedParties: string[];
}

export function clerkOptionsFor(config: Pick<Config, 'auth' | 'authorizedParties'>): ClerkOptions {
  const { auth, authorizedParties } = config;
  if (auth.mode === 'clerk') {
    return {
      mode: 'clerk',
      secretKey: auth.secretKey,
      publishableKey: auth.publishableKey,
      ...(auth.jwtKey ? { jwtKey: auth.jwtKey } : {}),
      ...(auth.apiUrl ? { apiUrl: auth.apiUrl } : {}),
      authorizedParties,
    };
  }
  // Local mode: the emulator's key store stands in for the dashboard's
  // keys, so the API verifies its tokens exactly as it would verify Clerk's.
  const keys = loadOrCreateKeys(auth.dataDir);
  return {
    mode: 'local',
    secretKey: keys.secretKey,
    publishableKey: publishableKeyFor(auth.emulatorUrl),
    jwtKey: keys.publicKeyPem,
    apiUrl: auth.emulatorUrl,
    authorizedParties,
  };
}

/**
 * The secret that verifies Clerk's webhooks: `CLERK_WEBHOOK_SIGNING_SECRET`,
 * or in local mode (when it is unset) the emulator's, from the file it signs
 * with. Null in Clerk mode without the variable: the webhook route then
 * answers 503 (see clerk-sync/clerk-webhooks-router.ts).
 */
export function webhookSigningSecretFor(config: Pick<Config, 'auth' | 'webhookSigningSecret'>): string | null {
  if (config.webhookSigningSecret !== null) return config.webhookSigningSecret;
  return config.auth.mode === 'local' ? loadOrCreateWebhookSigningSecret(config.auth.dataDir) : null;
}
