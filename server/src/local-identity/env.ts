import { resolve } from 'node:path';
import { z } from 'zod';
import { LOG_FORMATS, type LogFormat } from '../log-format.ts';
import { WebhookSecretSchema } from './keys.ts';

/**
 * The identity server's configuration, the only reader of its environment.
 * Every problem gets its own line so one start-up shows them all.
 */
export interface IdentityConfig {
  /** The server's own URL without a trailing slash; its port is where it listens. */
  url: string;
  port: number;
  dataDir: string;
  authorizedParties: string[];
  logLevel: string;
  /** JSON lines by default; `pretty` (set by `npm run dev`) for reading at a terminal. */
  logFormat: LogFormat;
  /** Session token lifetime; Clerk's is 60 s. Shorter in the end-to-end suite, to exercise refreshes. */
  tokenTtlSeconds: number;
  /** Where webhooks go (the API's receiver by default); null when LOCAL_IDENTITY_WEBHOOK_URL is `off`. */
  webhookUrl: string | null;
  /** CLERK_WEBHOOK_SIGNING_SECRET; null means the data folder's own secret, which the API reads too. */
  webhookSigningSecret: string | null;
}

export class IdentityConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid local identity server configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'IdentityConfigError';
    this.problems = problems;
  }
}

/** A loopback http URL with no path: the server binds 127.0.0.1 only and Clerk refuses a host without a dot. */
const IdentityUrlSchema = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !['', '/'].includes(url.pathname) || url.search) {
    ctx.addIssue({ code: 'custom', message: `must look like http://127.0.0.1:3100 (got "${value}")` });
    return z.NEVER;
  }
  return url;
});

const OriginListSchema = z.string().transform((value, ctx) => {
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one origin' });
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== entry) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin (scheme://host[:port], no path or trailing slash)` });
    }
  }
  return entries;
});

/** An http(s) URL, or `off`. */
const WebhookUrlSchema = z.string().transform((value, ctx) => {
  if (value === 'off') return null;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: `must be an http(s) URL or off (got "${value}")` });
    return z.NEVER;
  }
  return url.href;
});

const EnvSchema = z.object({
  NODE_ENV: z.string().optional().refine((value) => value !== 'production', {
    error: 'is "production": the local identity server is a development stand-in for Clerk and never runs in production',
  }),
  LOCAL_IDENTITY_URL: IdentityUrlSchema.prefault('http://127.0.0.1:3100'),
  LOCAL_IDENTITY_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('.local/identity'),
  CLERK_AUTHORIZED_PARTIES: OriginListSchema.prefault('http://localhost:5173'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).default('json'),
  LOCAL_IDENTITY_WEBHOOK_URL: WebhookUrlSchema.optional(),
  CLERK_WEBHOOK_SIGNING_SECRET: WebhookSecretSchema.optional(),
  // The API's port: the default webhook URL is its receiver.
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  LOCAL_IDENTITY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10, 'must be at least 10 (seconds)').max(3600, 'must be at most 3600 (seconds)').default(60),
});

/**
 * Clerk's keys switch the API to Clerk (see server/src/env.ts), and then
 * nothing talks to a local identity server: `npm run dev` should not start one
 * that looks as if it mattered.
 */
export function clerkModeConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.CLERK_SECRET_KEY ?? '').trim() !== '';
}

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): IdentityConfig {
  // Empty strings count as unset, as they do in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new IdentityConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const { LOCAL_IDENTITY_URL: url } = parsed.data;
  return {
    url: url.origin,
    port: url.port === '' ? 80 : Number(url.port),
    dataDir: resolve(cwd, parsed.data.LOCAL_IDENTITY_DATA_DIR),
    authorizedParties: parsed.data.CLERK_AUTHORIZED_PARTIES,
    logLevel: parsed.data.LOG_LEVEL,
    logFormat: parsed.data.LOG_FORMAT,
    tokenTtlSeconds: parsed.data.LOCAL_IDENTITY_TOKEN_TTL_SECONDS,
    webhookUrl:
      parsed.data.LOCAL_IDENTITY_WEBHOOK_URL === undefined
        ? `http://127.0.0.1:${parsed.data.PORT}/api/webhooks/clerk`
        : parsed.data.LOCAL_IDENTITY_WEBHOOK_URL,
    webhookSigningSecret: parsed.data.CLERK_WEBHOOK_SIGNING_SECRET ?? null,
  };
}
