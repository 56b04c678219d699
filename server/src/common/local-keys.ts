import { generateKeyPairSync, randomBytes, createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists } from './files.ts';

/**
 * The Clerk emulator's signing key and Backend API secret. They persist
 * under the data folder so that sessions and tokens survive restarts, and the
 * API (in local mode) reads the same file to verify tokens without a network
 * call, as `CLERK_JWT_KEY` does with real Clerk.
 */
const KeysFileSchema = z.object({
  kid: z.string(),
  privateKeyPem: z.string(),
  publicKeyPem: z.string(),
  secretKey: z.string(),
});
export type LocalKeys = z.infer<typeof KeysFileSchema>;

const KEYS_FILE = 'keys.json';

export function generateKeys(): LocalKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid: `ins_local_${randomBytes(8).toString('hex')}`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    secretKey: `sk_test_local_${randomBytes(24).toString('base64url')}`,
  };
}

/**
 * Reads the keys from `dir`, creating them on first use. The emulator and
 * the API may start at the same moment: the file is created exclusively, and the
 * process that loses the race reads the winner's keys.
 */
export function loadOrCreateKeys(dir: string): LocalKeys {
  const path = join(dir, KEYS_FILE);
  const existing = readKeys(path);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = generateKeys();
  try {
    writeFileSync(path, JSON.stringify(keys, null, 2), { flag: 'wx', mode: 0o600 });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitFor(path, () => readKeys(path));
  }
}

/** The keys of `dir` when the emulator has made them; never creates them (for commands that only talk to it). */
export function readKeysIfPresent(dir: string): LocalKeys | null {
  return readKeys(join(dir, KEYS_FILE));
}

function readKeys(path: string): LocalKeys | null {
  const text = readTextIfExists(path);
  if (text === null) return null;
  if (text.trim() === '') return null;
  return KeysFileSchema.parse(JSON.parse(text));
}

/** The winner of a creation race may not have finished writing yet. */
function waitFor<T>(path: string, read: () => T | null): T {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const value = read();
      if (value) return value;
    } catch {
      // A partially written file: read it again.
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  throw new Error(`Could not read ${path}`);
}

const WEBHOOK_SECRET_FILE = 'webhook-signing-secret';

/**
 * The `whsec_` secret the emulator signs its webhooks with, Svix-style (base64
 * of 24 random bytes), and the API verifies them with in local mode when
 * `CLERK_WEBHOOK_SIGNING_SECRET` is unset. A file of its own rather than a field
 * of keys.json, so data folders made before webhooks existed gain it without a
 * rewrite that two starting processes could race on.
 */
export function loadOrCreateWebhookSigningSecret(dir: string): string {
  const path = join(dir, WEBHOOK_SECRET_FILE);
  const read = () => {
    const text = readTextIfExists(path)?.trim();
    return text ? WebhookSecretSchema.parse(text) : null;
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  try {
    writeFileSync(path, secret, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitFor(path, read);
  }
}

/** What Svix and Clerk's dashboard hand out: `whsec_` and a base64 key. */
export const WebhookSecretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'expected whsec_ followed by a base64 key');

/** The JSON Web Key Set Clerk serves at `/.well-known/jwks.json` and `GET /v1/jwks`. */
export function jwksFor(keys: Pick<LocalKeys, 'kid' | 'publicKeyPem'>) {
  const jwk = createPublicKey(keys.publicKeyPem).export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: keys.kid, alg: 'RS256', use: 'sig' }] };
}

/**
 * A publishable key that Clerk's SDKs accept: `pk_test_` + base64 of the
 * Frontend API host followed by `$`. Clerk refuses a host without a dot, so the
 * local server is addressed as 127.0.0.1, never as localhost.
 */
export function publishableKeyFor(frontendApiUrl: string): string {
  const host = new URL(frontendApiUrl).host;
  return `pk_test_${Buffer.from(`${host}$`).toString('base64')}`;
}
