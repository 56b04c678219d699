import { resolve } from 'node:path';
import { z } from 'zod';
import { authorizedPartiesSchema, logFormatSchema, logLevelSchema, parseEnv } from '../common/env-parsing.ts';
import type { LogFormat } from '../common/log-format.ts';
import { WebhookSecretSchema } from '../common/local-keys.ts';

/**
 * The emulator's configuration, the only reader of its environment.
 * Every problem gets its own line so one start-up shows them all.
 */
export interface EmulatorConfig {
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
  /** Where webhooks go (the API's receiver by default); null when CLERK_EMULATOR_WEBHOOK_URL is `off`. */
  webhookUrl: string | null;
  /** CLERK_WEBHOOK_SIGNING_SECRET; null means the data folder's own secret, which the API reads too. */
  webhookSigningSecret: string | null;
}

/** A loopback http URL with no path: the server binds 127.0.0.1 only and Clerk refuses a host without a dot. */
const EmulatorUrlSchema = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !['', '/'].includes(url.pathname) || url.search) {
    ctx.addIssue({ code: 'custom', message: `must look like http://127.0.0.1:3100 (got "${value}")` });
    return z.NEVER;
  }
  return url;
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
  NODE_ENV: z
    .string()
    .optional()
    .refine((value) => value !== 'production', {
      error: 'is "production": the Clerk emulator is a development stand-in for Clerk and never runs in production',
    }),
  CLERK_EMULATOR_URL: EmulatorUrlSchema.prefault('http://127.0.0.1:3100'),
  CLERK_EMULATOR_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('.local/clerk-emulator'),
  CLERK_AUTHORIZED_PARTIES: authorizedPartiesSchema.prefault('http://localhost:5173'),
  LOG_LEVEL: logLevelSchema.default('info'),
  LOG_FORMAT: logFormatSchema.default('json'),
  CLERK_EMULATOR_WEBHOOK_URL: WebhookUrlSchema.optional(),
  CLERK_WEBHOOK_SIGNING_SECRET: WebhookSecretSchema.optional(),
  // The API's port: the default webhook URL is its receiver.
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  CLERK_EMULATOR_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10, 'must be at least 10 (seconds)')
    .max(3600, 'must be at most 3600 (seconds)')
    .default(60),
});

/**
 * Clerk's keys switch the API to Clerk (see server/src/env.ts), and then
 * nothing talks to a Clerk emulator: `npm run dev` should not start one
 * that looks as if it mattered.
 */
export function clerkModeConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.CLERK_SECRET_KEY ?? '').trim() !== '';
}

export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): EmulatorConfig {
  const vars = parseEnv(EnvSchema, env, 'Clerk emulator');
  const { CLERK_EMULATOR_URL: url } = vars;
  return {
    url: url.origin,
    port: url.port === '' ? 80 : Number(url.port),
    dataDir: resolve(cwd, vars.CLERK_EMULATOR_DATA_DIR),
    authorizedParties: vars.CLERK_AUTHORIZED_PARTIES,
    logLevel: vars.LOG_LEVEL,
    logFormat: vars.LOG_FORMAT,
    tokenTtlSeconds: vars.CLERK_EMULATOR_TOKEN_TTL_SECONDS,
    webhookUrl: vars.CLERK_EMULATOR_WEBHOOK_URL === undefined ? `http://127.0.0.1:${vars.PORT}/api/webhooks/clerk` : vars.CLERK_EMULATOR_WEBHOOK_URL,
    webhookSigningSecret: vars.CLERK_WEBHOOK_SIGNING_SECRET ?? null,
  };
}
