import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig, DatabaseTimeouts } from './db/database.ts';
import type { LogFormat } from './common/log-format.ts';
import {
  authorizedPartiesSchema,
  jwtKeySchema,
  logFormatSchema,
  logLevelSchema,
  parseEnv,
  publishableKeySchema,
  secretKeySchema,
  trustProxySchema,
  type LogLevel,
  type TrustProxy,
} from './common/env-parsing.ts';
import { WebhookSecretSchema } from './common/local-keys.ts';

/**
 * The API's configuration. This module is the only reader of `process.env`;
 * everything else receives a `Config`. The environment is one zod object
 * (EnvSchema: a line a variable), the rules between variables are checked
 * beside it (crossFieldRules), and a bad environment fails at start-up with
 * one line per problem, so an operator fixes them all in one go.
 */
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export type AuthConfig =
  | { mode: 'clerk'; secretKey: string; publishableKey: string; jwtKey: string | null; apiUrl: string | null }
  | { mode: 'local'; emulatorUrl: string; dataDir: string };

/** Requests per caller per window; counters in Redis when `redisUrl` is set (shared by every instance). */
export interface RateLimitConfig {
  limit: number;
  windowMs: number;
  redisUrl: string | null;
}

export interface Config {
  port: number;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** JSON lines by default; `pretty` (set by `npm run dev`) for reading at a terminal. */
  logFormat: LogFormat;
  /** SPA origins: the only CORS origins and the only accepted token `azp` values. */
  authorizedParties: string[];
  auth: AuthConfig;
  database: DatabaseConfig;
  /** Time limits of the serving connection pool (PostgreSQL only; migrations run without them). */
  databaseTimeouts: DatabaseTimeouts;
  rateLimit: RateLimitConfig;
  /** Express's `trust proxy`: which peers' `X-Forwarded-For` names the client. Off by default. */
  trustProxy: TrustProxy;
  /**
   * Local mode only: write a few posts by the emulator's seeded users when the
   * posts table is empty, so a newcomer's board is not. On by default with
   * PGlite, off with DATABASE_URL (a shared database gets demo rows only when asked).
   */
  seedLocalPosts: boolean;
  /**
   * `CLERK_WEBHOOK_SIGNING_SECRET` (whsec_…), which verifies Clerk's webhooks;
   * null when unset (local mode then uses the emulator's, see auth/clerk-options.ts).
   */
  webhookSigningSecret: string | null;
}

export const DEFAULT_AUTHORIZED_PARTIES = 'http://localhost:5173';
const DEFAULT_CLERK_EMULATOR_URL = 'http://127.0.0.1:3100';
const DEFAULT_CLERK_EMULATOR_DATA_DIR = '.local/clerk-emulator';
const DEFAULT_PGLITE_DATA_DIR = '.local/pglite';

const portSchema = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
  .transform(Number)
  .refine((port) => port <= 65535, 'must be a port number (0-65535)');

const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL', abort: true });

const emulatorUrlSchema = httpUrlSchema
  .refine((url) => new URL(url).pathname === '/', 'must be an origin (scheme://host:port), without a path')
  .refine((url) => new URL(url).hostname.includes('.'), "use 127.0.0.1 rather than localhost: Clerk's SDKs refuse a Frontend API host without a dot")
  .transform((url) => new URL(url).origin);

const nodeEnvSchema = z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` });

const positiveIntegerSchema = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'must be a whole number above 0')
  .transform(Number);

const booleanSchema = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

/** A URL with one of `protocols`. The message never echoes the value: connection URLs usually carry a password. */
function serviceUrlSchema(protocols: string[], message: string) {
  return z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, message);
}

const databaseUrlSchema = serviceUrlSchema(
  ['postgres:', 'postgresql:'],
  'must be a PostgreSQL URL, e.g. postgres://user:password@db.example.com:5432/app',
);
const redisUrlSchema = serviceUrlSchema(['redis:', 'rediss:'], 'must be a Redis URL, e.g. redis://127.0.0.1:6379');

/** Every variable the API reads, each with its own check and default; problems are reported in this order. */
const EnvVarsSchema = z.object({
  PORT: portSchema.prefault('3001'),
  NODE_ENV: nodeEnvSchema.prefault('development'),
  LOG_LEVEL: logLevelSchema.prefault('info'),
  LOG_FORMAT: logFormatSchema.prefault('json'),
  CLERK_SECRET_KEY: secretKeySchema.optional(),
  CLERK_PUBLISHABLE_KEY: publishableKeySchema.optional(),
  CLERK_JWT_KEY: jwtKeySchema.optional(),
  CLERK_API_URL: httpUrlSchema.optional(),
  CLERK_AUTHORIZED_PARTIES: authorizedPartiesSchema.optional(),
  // Read in local mode only, so checked by authRules: Clerk mode ignores them, as an .env may keep them.
  CLERK_EMULATOR_URL: z.string().prefault(DEFAULT_CLERK_EMULATOR_URL),
  CLERK_EMULATOR_DATA_DIR: z.string().prefault(DEFAULT_CLERK_EMULATOR_DATA_DIR),
  DATABASE_URL: databaseUrlSchema.optional(),
  PGLITE_DATA_DIR: z.string().optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveIntegerSchema.prefault('5000'),
  DATABASE_QUERY_TIMEOUT_MS: positiveIntegerSchema.prefault('6000'),
  DATABASE_CONNECT_TIMEOUT_MS: positiveIntegerSchema.prefault('5000'),
  RATE_LIMIT_MAX: positiveIntegerSchema.prefault('300'),
  RATE_LIMIT_WINDOW_MS: positiveIntegerSchema.prefault('60000'),
  REDIS_URL: redisUrlSchema.optional(),
  TRUST_PROXY: trustProxySchema.optional(),
  CLERK_WEBHOOK_SIGNING_SECRET: WebhookSecretSchema.optional(),
  LOCAL_SEED_POSTS: booleanSchema.optional(),
});
type EnvVars = z.output<typeof EnvVarsSchema>;

/**
 * The rules between variables. They run even when some variable is bad (the
 * refinement's `when`), so one start-up lists every problem; a rule that needs
 * a bad variable's value skips (its own line already says what is wrong).
 */
function rulesOf<Vars extends Partial<EnvVars>>(vars: Vars, ctx: z.RefinementCtx<Vars>) {
  // Taken before any rule adds its own problems: those do not make a variable's value bad.
  const bad = new Set(ctx.issues.map((issue) => issue.path?.[0]));
  return {
    vars,
    /** Set, valid or not. */
    has: (name: keyof Vars & string) => vars[name] !== undefined,
    /** The parsed value, or undefined when the variable is unset or bad. */
    valid: <Name extends keyof Vars & string>(name: Name): Vars[Name] | undefined => (bad.has(name) ? undefined : vars[name]),
    problem: (name: keyof Vars & string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message }),
  };
}
type Rules<Vars extends Partial<EnvVars>> = ReturnType<typeof rulesOf<Vars>>;

/** Runs `rules` on the parsed variables, even when some are bad: `when` says so. */
function checked<Vars extends Partial<EnvVars>>(schema: z.ZodType<Vars>, ...rules: Array<(rules: Rules<Vars>) => void>) {
  return schema.superRefine(
    (vars, ctx) => {
      const checker = rulesOf(vars, ctx);
      for (const rule of rules) rule(checker);
    },
    { when: () => true },
  );
}

/** Clerk mode when the keys are set, local mode when none are; anything in between is a mistake. */
function authRules({ vars, has, valid, problem }: Rules<EnvVars>): void {
  if (has('CLERK_SECRET_KEY') !== has('CLERK_PUBLISHABLE_KEY')) {
    const [set, missing] = has('CLERK_SECRET_KEY') ? ['CLERK_SECRET_KEY', 'CLERK_PUBLISHABLE_KEY'] : ['CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY'];
    problem(missing as keyof EnvVars, `required because ${set} is set (set both for Clerk, or neither for local mode)`);
    return;
  }
  if (has('CLERK_SECRET_KEY')) {
    const secretKey = valid('CLERK_SECRET_KEY');
    const publishableKey = valid('CLERK_PUBLISHABLE_KEY');
    if (secretKey && publishableKey && instanceType(secretKey) !== instanceType(publishableKey)) {
      problem(
        'CLERK_PUBLISHABLE_KEY',
        `is a ${instanceType(publishableKey)} key but CLERK_SECRET_KEY is a ${instanceType(secretKey)} key; use the pair from one Clerk instance`,
      );
    }
    if (!has('CLERK_AUTHORIZED_PARTIES')) {
      problem('CLERK_AUTHORIZED_PARTIES', 'required with Clerk keys (comma-separated SPA origins, e.g. https://app.example.com)');
    }
    // The seeded users exist only in the emulator; Clerk's users are real people.
    if (valid('LOCAL_SEED_POSTS') === true) {
      problem('LOCAL_SEED_POSTS', 'local mode only (the seeded users live in the Clerk emulator); clear it with Clerk keys');
    }
    return;
  }
  if (valid('NODE_ENV') === 'production') {
    problem(
      'NODE_ENV',
      'is production, which refuses local mode: set CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY and CLERK_AUTHORIZED_PARTIES (local mode is for development only)',
    );
  }
  for (const name of ['CLERK_JWT_KEY', 'CLERK_API_URL'] as const) {
    if (has(name)) problem(name, 'set without Clerk keys; set CLERK_SECRET_KEY and CLERK_PUBLISHABLE_KEY too, or clear it for local mode');
  }
  const emulatorUrl = emulatorUrlSchema.safeParse(vars.CLERK_EMULATOR_URL);
  for (const issue of emulatorUrl.error?.issues ?? []) problem('CLERK_EMULATOR_URL', issue.message);
}

type DatabaseVars = Pick<EnvVars, 'NODE_ENV' | 'DATABASE_URL' | 'PGLITE_DATA_DIR'>;

function databaseRules({ has, valid, problem }: Rules<DatabaseVars>): void {
  if (has('DATABASE_URL')) {
    if (has('PGLITE_DATA_DIR')) problem('PGLITE_DATA_DIR', 'set with DATABASE_URL, which replaces PGlite; clear one of them');
  } else if (valid('NODE_ENV') === 'production') {
    // PGlite lives inside one process: a second instance, or a redeploy on a new machine, would not see its data.
    problem(
      'DATABASE_URL',
      'required when NODE_ENV is production; the embedded PGlite default is for development only (its data belongs to one process and cannot be shared by several API instances)',
    );
  }
}

function timeoutRules({ valid, problem }: Rules<EnvVars>): void {
  const statementMs = valid('DATABASE_STATEMENT_TIMEOUT_MS');
  const queryMs = valid('DATABASE_QUERY_TIMEOUT_MS');
  if (statementMs !== undefined && queryMs !== undefined && queryMs <= statementMs) {
    // Otherwise a merely slow query loses its connection instead of being cancelled by the server.
    problem(
      'DATABASE_QUERY_TIMEOUT_MS',
      `must be longer than DATABASE_STATEMENT_TIMEOUT_MS (${statementMs}), so that PostgreSQL cancels a slow statement before the client gives up on the connection`,
    );
  }
}

const EnvSchema = checked(EnvVarsSchema, authRules, databaseRules, timeoutRules).transform((vars): Config => {
  const auth = authConfigOf(vars);
  const database = databaseConfigOf(vars);
  return {
    port: vars.PORT,
    nodeEnv: vars.NODE_ENV,
    logLevel: vars.LOG_LEVEL,
    logFormat: vars.LOG_FORMAT,
    authorizedParties: vars.CLERK_AUTHORIZED_PARTIES ?? [DEFAULT_AUTHORIZED_PARTIES],
    auth,
    database,
    databaseTimeouts: {
      statementMs: vars.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: vars.DATABASE_QUERY_TIMEOUT_MS,
      connectMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
    },
    rateLimit: { limit: vars.RATE_LIMIT_MAX, windowMs: vars.RATE_LIMIT_WINDOW_MS, redisUrl: vars.REDIS_URL ?? null },
    trustProxy: vars.TRUST_PROXY ?? false,
    webhookSigningSecret: vars.CLERK_WEBHOOK_SIGNING_SECRET ?? null,
    seedLocalPosts: auth.mode === 'local' && (vars.LOCAL_SEED_POSTS ?? database.kind === 'pglite'),
  };
});

/** Only called once the rules passed: in Clerk mode both keys are set, in local mode the URL is valid. */
function authConfigOf(vars: EnvVars): AuthConfig {
  if (vars.CLERK_SECRET_KEY !== undefined) {
    return {
      mode: 'clerk',
      secretKey: vars.CLERK_SECRET_KEY,
      publishableKey: vars.CLERK_PUBLISHABLE_KEY!,
      jwtKey: vars.CLERK_JWT_KEY ?? null,
      apiUrl: vars.CLERK_API_URL ?? null,
    };
  }
  return { mode: 'local', emulatorUrl: emulatorUrlSchema.parse(vars.CLERK_EMULATOR_URL), dataDir: resolve(vars.CLERK_EMULATOR_DATA_DIR) };
}

function databaseConfigOf(vars: DatabaseVars): DatabaseConfig {
  if (vars.DATABASE_URL !== undefined) return { kind: 'postgres', url: vars.DATABASE_URL };
  return { kind: 'pglite', dataDir: resolve(vars.PGLITE_DATA_DIR ?? DEFAULT_PGLITE_DATA_DIR) };
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  return parseEnv(EnvSchema, env, 'API');
}

/** The database settings alone, for `npm run db:migrate`, which needs no Clerk keys. */
export function loadDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const vars = EnvVarsSchema.pick({ NODE_ENV: true, DATABASE_URL: true, PGLITE_DATA_DIR: true });
  const schema = checked(vars, databaseRules).transform(databaseConfigOf);
  return parseEnv(schema, env, 'API');
}

function instanceType(key: string): 'test' | 'live' {
  return key.includes('_live_') ? 'live' : 'test';
}
