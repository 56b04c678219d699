import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

/**
 * Validators for the Clerk variables. Each message says what a good value looks
 * like, because the operator reading it has the Clerk dashboard open, not this code.
 */

export const secretKeySchema = z
  .string()
  .regex(/^sk_(test|live)_\S+$/, 'must be a Clerk secret key (sk_test_… or sk_live_…)');

/** `pk_(test|live)_` + base64 of `<frontend-api-host>$`; Clerk refuses a host without a dot. */
export const publishableKeySchema = z
  .string()
  .regex(/^pk_(test|live)_[A-Za-z0-9+/=_-]+$/, {
    message: 'must be a Clerk publishable key (pk_test_… or pk_live_…)',
    abort: true,
  })
  .refine(
    (key) => /^[^$\s]+\.[^$\s]+\$$/.test(decodeKeyHost(key)),
    'is not a valid Clerk publishable key (it must encode the Frontend API host); copy it again from the dashboard',
  );

function decodeKeyHost(key: string): string {
  return Buffer.from(key.replace(/^pk_(test|live)_/, ''), 'base64').toString('utf8');
}

/**
 * The instance's PEM public key. `.env` files hold it on one line with `\n`
 * escapes, which Clerk's own PEM reader does not undo, so they are turned into
 * newlines here and the key is handed on in canonical form. Clerk reads the PEM
 * as a 2048-bit RSA key with exponent 65537, so anything else is refused now
 * rather than failing every request later.
 */
export const jwtKeySchema = z.string().transform((value, ctx) => {
  const pem = value.replace(/\\n/g, '\n');
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) {
    ctx.addIssue({
      code: 'custom',
      message: /PRIVATE KEY/.test(pem)
        ? 'is a private key; use the instance public key (Clerk dashboard → API keys → JWT public key)'
        : 'must be a PEM public key (-----BEGIN PUBLIC KEY----- …)',
    });
    return z.NEVER;
  }
  try {
    const key = createPublicKey(pem);
    const details = key.asymmetricKeyDetails;
    if (key.asymmetricKeyType !== 'rsa' || details?.modulusLength !== 2048 || details.publicExponent !== 65537n) {
      ctx.addIssue({ code: 'custom', message: 'must be an RSA-2048 public key, as Clerk issues' });
      return z.NEVER;
    }
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a readable PEM public key; copy it again from the dashboard' });
    return z.NEVER;
  }
});

/**
 * Comma-separated SPA origins. They are compared verbatim with the browser's
 * `Origin` header and the token's `azp`, so `https://app.example.com/` (slash)
 * or an explicit default port would never match: refuse them, naming the fix.
 */
export const authorizedPartiesSchema = z.string().transform((value, ctx) => {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must list at least one origin, e.g. https://app.example.com' });
    return z.NEVER;
  }
  for (const entry of entries) {
    const problem = originProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }
  return entries;
});

function originProblem(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `"${entry}" is not a URL; write an origin such as https://app.example.com`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${entry}" must use http or https`;
  }
  if (url.origin !== entry) {
    return `"${entry}" is not an origin (scheme://host[:port], no path, no trailing slash); did you mean "${url.origin}"?`;
  }
  return null;
}
