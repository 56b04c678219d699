import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { fieldKey } from '#shared/api-error';
import { LOG_FORMATS } from './log-format.ts';

/**
 * What the API's env (env.ts) and the emulator's (clerk-emulator/env.ts) share:
 * how a process environment is read, and the variables both take. Each
 * message says what a good value looks like, because the operator reading it
 * has the Clerk dashboard open, not this code.
 */

type Env = Record<string, string | undefined>;

/** A bad environment (the API's or the emulator's), one line per problem, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(subject: string, problems: readonly string[]) {
    super(`Invalid ${subject} configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Parses `env` with `schema` (a z.object of variables), or throws a
 * ConfigError about `subject` with a line per problem: `NAME: what is wrong`.
 * `.env` lines like `CLERK_SECRET_KEY=` mean "unset", as does surrounding whitespace.
 */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: Env, subject: string): z.output<Schema> {
  const present = Object.entries(env)
    .map(([name, value]) => [name, value?.trim()] as const)
    .filter(([, value]) => value !== undefined && value !== '');
  const parsed = schema.safeParse(Object.fromEntries(present));
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    subject,
    parsed.error.issues.map((issue) => `${fieldKey(issue.path)}: ${issue.message}`),
  );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const logLevelSchema = z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` });
export const logFormatSchema = z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` });

export const secretKeySchema = z.string().regex(/^sk_(test|live)_\S+$/, 'must be a Clerk secret key (sk_test_… or sk_live_…)');

/** `pk_(test|live)_` + base64 of `<frontend-api-host>$`; Clerk refuses a host without a dot. */
export const publishableKeySchema = z
  .string()
  .regex(/^pk_(test|live)_[A-Za-z0-9+/=_-]+$/, {
    error: 'must be a Clerk publishable key (pk_test_… or pk_live_…)',
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
      message: pem.includes('PRIVATE KEY')
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

/** Express's `trust proxy`: off, a number of proxy hops, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, which Express accepts in the list. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: a hop count (`1` behind one load balancer; `0` is off) or a
 * comma-separated list of the proxies' IPs and CIDR ranges. `true` (trust
 * every hop) is refused: any client could then choose its own address, and
 * with it its rate-limit bucket.
 */
export const trustProxySchema = z.string().transform((value, ctx): TrustProxy => {
  if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? false : Number(value);
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        'trusts every hop, which lets any client choose its address; give the number of proxies in front of the API (e.g. 1) or their addresses',
    });
    return z.NEVER;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a hop count (e.g. 1) or IP addresses and CIDR ranges (e.g. 10.0.0.0/8, 2001:db8::1); not ${bad.map((entry) => `"${entry}"`).join(', ') || 'an empty list'}`,
    });
    return z.NEVER;
  }
  return entries;
});

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
