import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTimeouts } from './db/database.ts';
import { LOG_FORMATS, type LogFormat } from './log-format.ts';
import { authorizedPartiesSchema, jwtKeySchema, publishableKeySchema, secretKeySchema, trustProxySchema, type TrustProxy } from './env-schemas.ts';
import { WebhookSecretSchema } from './local-identity/keys.ts';

/**
 * The API's configuration. This module is the only reader of `process.env`;
 * everything else receives a `Config`. A bad environment fails at start-up with
 * one line per problem, so an operator fixes them all in one go.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export type AuthConfig =
  | { mode: 'clerk'; secretKey: string; publishableKey: string; jwtKey: string | null; apiUrl: string | null }
  | { mode: 'local'; localIdentityUrl: string; dataDir: string };

/** A PostgreSQL server when `DATABASE_URL` is set, otherwise PGlite (embedded) in `dataDir`. */
export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

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

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid API configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const DEFAULT_AUTHORIZED_PARTIES = 'http://localhost:5173';
const DEFAULT_LOCAL_IDENTITY_URL = 'http://127.0.0.1:3100';
const DEFAULT_LOCAL_IDENTITY_DATA_DIR = '.local/identity';
const DEFAULT_PGLITE_DATA_DIR = '.local/pglite';

const portSchema = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
  .transform(Number)
  .refine((port) => port <= 65535, 'must be a port number (0-65535)');

const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL', abort: true });

const localIdentityUrlSchema = httpUrlSchema
  .refine((url) => new URL(url).pathname === '/', 'must be an origin (scheme://host:port), without a path')
  .refine(
    (url) => new URL(url).hostname.includes('.'),
    "use 127.0.0.1 rather than localhost: Clerk's SDKs refuse a Frontend API host without a dot",
  )
  .transform((url) => new URL(url).origin);

const nodeEnvSchema = z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` });
export const logFormatSchema = z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` });

type Env = Record<string, string | undefined>;

/** Parses one variable at a time, collecting a line per problem instead of stopping at the first. */
interface Reader {
  vars: Env;
  problems: string[];
  read<T extends z.ZodType>(name: string, schema: T, fallback?: string): z.output<T> | undefined;
}

function createReader(vars: Env): Reader {
  const problems: string[] = [];
  return {
    vars,
    problems,
    read(name, schema, fallback) {
      const result = schema.safeParse(vars[name] ?? fallback);
      if (result.success) return result.data;
      for (const issue of result.error.issues) problems.push(`${name}: ${issue.message}`);
      return undefined;
    },
  };
}

export function loadConfig(env: Env = process.env): Config {
  const reader = createReader(presentValues(env));
  const port = reader.read('PORT', portSchema, '3001');
  const nodeEnv = reader.read('NODE_ENV', nodeEnvSchema, 'development');
  const logLevel = reader.read('LOG_LEVEL', z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info');
  const logFormat = reader.read('LOG_FORMAT', logFormatSchema, 'json');
  const auth = readAuth(reader, nodeEnv);
  const authorizedParties = readAuthorizedParties(reader, auth);
  const database = readDatabase(reader, nodeEnv);
  const databaseTimeouts = readDatabaseTimeouts(reader);
  const rateLimit = readRateLimit(reader);
  const trustProxy = reader.read('TRUST_PROXY', trustProxySchema.optional());
  const seedLocalPosts = readSeedLocalPosts(reader, auth, database);
  const webhookSigningSecret = reader.read('CLERK_WEBHOOK_SIGNING_SECRET', WebhookSecretSchema.optional());
  if (
    reader.problems.length > 0 ||
    rateLimit === undefined ||
    databaseTimeouts === undefined ||
    port === undefined ||
    nodeEnv === undefined ||
    logLevel === undefined ||
    logFormat === undefined ||
    auth === undefined ||
    authorizedParties === undefined ||
    database === undefined ||
    seedLocalPosts === undefined
  ) {
    throw new ConfigError(reader.problems);
  }
  return { port, nodeEnv, logLevel, logFormat, authorizedParties, auth, database, databaseTimeouts, rateLimit, trustProxy: trustProxy ?? false, seedLocalPosts, webhookSigningSecret: webhookSigningSecret ?? null };
}

const positiveIntegerSchema = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'must be a whole number above 0')
  .transform(Number);

function readDatabaseTimeouts(reader: Reader): DatabaseTimeouts | undefined {
  const statementMs = reader.read('DATABASE_STATEMENT_TIMEOUT_MS', positiveIntegerSchema, '5000');
  const queryMs = reader.read('DATABASE_QUERY_TIMEOUT_MS', positiveIntegerSchema, '6000');
  const connectMs = reader.read('DATABASE_CONNECT_TIMEOUT_MS', positiveIntegerSchema, '5000');
  if (statementMs === undefined || queryMs === undefined || connectMs === undefined) return undefined;
  if (queryMs <= statementMs) {
    // Otherwise a merely slow query loses its connection instead of being cancelled by the server.
    reader.problems.push(
      `DATABASE_QUERY_TIMEOUT_MS: must be longer than DATABASE_STATEMENT_TIMEOUT_MS (${statementMs}), so that PostgreSQL cancels a slow statement before the client gives up on the connection`,
    );
    return undefined;
  }
  return { statementMs, queryMs, connectMs };
}

const redisUrlSchema = serviceUrlSchema(['redis:', 'rediss:'], 'must be a Redis URL, e.g. redis://127.0.0.1:6379');

function readRateLimit(reader: Reader): RateLimitConfig | undefined {
  const limit = reader.read('RATE_LIMIT_MAX', positiveIntegerSchema, '300');
  const windowMs = reader.read('RATE_LIMIT_WINDOW_MS', positiveIntegerSchema, '60000');
  const redisUrl = reader.vars.REDIS_URL === undefined ? null : reader.read('REDIS_URL', redisUrlSchema);
  if (limit === undefined || windowMs === undefined || redisUrl === undefined) return undefined;
  return { limit, windowMs, redisUrl };
}

/** The database settings alone, for `npm run db:migrate`, which needs no Clerk keys. */
export function loadDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const reader = createReader(presentValues(env));
  const nodeEnv = reader.read('NODE_ENV', nodeEnvSchema, 'development');
  const database = readDatabase(reader, nodeEnv);
  if (reader.problems.length > 0 || database === undefined) throw new ConfigError(reader.problems);
  return database;
}

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

function readDatabase(reader: Reader, nodeEnv: NodeEnv | undefined): DatabaseConfig | undefined {
  if (reader.vars.DATABASE_URL !== undefined) {
    if (reader.vars.PGLITE_DATA_DIR !== undefined) {
      reader.problems.push('PGLITE_DATA_DIR: set with DATABASE_URL, which replaces PGlite; clear one of them');
    }
    const url = reader.read('DATABASE_URL', databaseUrlSchema);
    return url === undefined ? undefined : { kind: 'postgres', url };
  }
  if (nodeEnv === 'production') {
    // PGlite lives inside one process: a second instance, or a redeploy on a new machine, would not see its data.
    reader.problems.push(
      'DATABASE_URL: required when NODE_ENV is production; the embedded PGlite default is for development only (its data belongs to one process and cannot be shared by several API instances)',
    );
    return undefined;
  }
  const dataDir = reader.read('PGLITE_DATA_DIR', z.string(), DEFAULT_PGLITE_DATA_DIR);
  return dataDir === undefined ? undefined : { kind: 'pglite', dataDir: resolve(dataDir) };
}

const booleanSchema = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

function readSeedLocalPosts(reader: Reader, auth: AuthConfig | undefined, database: DatabaseConfig | undefined): boolean | undefined {
  const wanted = reader.read('LOCAL_SEED_POSTS', booleanSchema.optional());
  if (auth?.mode === 'clerk') {
    // The seeded users exist only in the emulator; Clerk's users are real people.
    if (wanted === true) reader.problems.push('LOCAL_SEED_POSTS: local mode only (the seeded users live in the Clerk emulator); clear it with Clerk keys');
    return false;
  }
  return wanted ?? database?.kind === 'pglite';
}

function readAuthorizedParties(reader: Reader, auth: AuthConfig | undefined): string[] | undefined {
  if (auth?.mode === 'clerk' && reader.vars.CLERK_AUTHORIZED_PARTIES === undefined) {
    reader.problems.push(
      'CLERK_AUTHORIZED_PARTIES: required with Clerk keys (comma-separated SPA origins, e.g. https://app.example.com)',
    );
    return undefined;
  }
  const fallback = auth?.mode === 'local' ? DEFAULT_AUTHORIZED_PARTIES : undefined;
  if (reader.vars.CLERK_AUTHORIZED_PARTIES === undefined && fallback === undefined) return undefined;
  return reader.read('CLERK_AUTHORIZED_PARTIES', authorizedPartiesSchema, fallback);
}

/** Clerk mode when the keys are set, local mode when none are; anything in between is a mistake. */
function readAuth(reader: Reader, nodeEnv: NodeEnv | undefined): AuthConfig | undefined {
  const hasSecret = reader.vars.CLERK_SECRET_KEY !== undefined;
  const hasPublishable = reader.vars.CLERK_PUBLISHABLE_KEY !== undefined;
  if (hasSecret !== hasPublishable) {
    const [set, missing] = hasSecret
      ? ['CLERK_SECRET_KEY', 'CLERK_PUBLISHABLE_KEY']
      : ['CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY'];
    reader.problems.push(`${missing}: required because ${set} is set (set both for Clerk, or neither for local mode)`);
    return undefined;
  }
  return hasSecret ? readClerkAuth(reader) : readLocalAuth(reader, nodeEnv);
}

function readClerkAuth(reader: Reader): AuthConfig | undefined {
  const secretKey = reader.read('CLERK_SECRET_KEY', secretKeySchema);
  const publishableKey = reader.read('CLERK_PUBLISHABLE_KEY', publishableKeySchema);
  const jwtKey = reader.read('CLERK_JWT_KEY', jwtKeySchema.optional());
  const apiUrl = reader.read('CLERK_API_URL', httpUrlSchema.optional());
  if (!secretKey || !publishableKey) return undefined;
  if (instanceType(secretKey) !== instanceType(publishableKey)) {
    reader.problems.push(
      `CLERK_PUBLISHABLE_KEY: is a ${instanceType(publishableKey)} key but CLERK_SECRET_KEY is a ${instanceType(secretKey)} key; use the pair from one Clerk instance`,
    );
  }
  return { mode: 'clerk', secretKey, publishableKey, jwtKey: jwtKey ?? null, apiUrl: apiUrl ?? null };
}

function readLocalAuth(reader: Reader, nodeEnv: NodeEnv | undefined): AuthConfig | undefined {
  if (nodeEnv === 'production') {
    reader.problems.push(
      'NODE_ENV: is production, which refuses local mode: set CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY and CLERK_AUTHORIZED_PARTIES (local mode is for development only)',
    );
  }
  for (const name of ['CLERK_JWT_KEY', 'CLERK_API_URL']) {
    if (reader.vars[name] !== undefined) {
      reader.problems.push(
        `${name}: set without Clerk keys; set CLERK_SECRET_KEY and CLERK_PUBLISHABLE_KEY too, or clear it for local mode`,
      );
    }
  }
  const localIdentityUrl = reader.read('LOCAL_IDENTITY_URL', localIdentityUrlSchema, DEFAULT_LOCAL_IDENTITY_URL);
  const dataDir = reader.read('LOCAL_IDENTITY_DATA_DIR', z.string(), DEFAULT_LOCAL_IDENTITY_DATA_DIR);
  if (localIdentityUrl === undefined || dataDir === undefined) return undefined;
  return { mode: 'local', localIdentityUrl, dataDir: resolve(dataDir) };
}

function instanceType(key: string): 'test' | 'live' {
  return key.includes('_live_') ? 'live' : 'test';
}

/** `.env` lines like `CLERK_SECRET_KEY=` mean "unset", as does surrounding whitespace. */
function presentValues(env: Env): Env {
  const entries = Object.entries(env)
    .map(([name, value]) => [name, value?.trim()] as const)
    .filter(([, value]) => value !== undefined && value !== '');
  return Object.fromEntries(entries);
}
