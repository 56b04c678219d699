import { resolve } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeys, publishableKeyFor } from './common/local-keys.ts';
import { ConfigError } from './common/env-parsing.ts';
import { loadConfig, loadDatabaseConfig } from './env.ts';

const keys = generateKeys();
const clerkEnv = {
  CLERK_SECRET_KEY: 'sk_test_abc123',
  CLERK_PUBLISHABLE_KEY: publishableKeyFor('https://clerk.example.com'),
  CLERK_AUTHORIZED_PARTIES: 'https://app.example.com, http://localhost:5173',
};

const DATABASE_URL = 'postgres://app:s3cret-pw@db.example.com:5432/app';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to local mode for development with nothing set', () => {
    expect(loadConfig({})).toEqual({
      port: 3001,
      nodeEnv: 'development',
      logLevel: 'info',
      logFormat: 'json',
      authorizedParties: ['http://localhost:5173'],
      auth: { mode: 'local', emulatorUrl: 'http://127.0.0.1:3100', dataDir: resolve('.local/clerk-emulator') },
      database: { kind: 'pglite', dataDir: resolve('.local/pglite') },
      databaseTimeouts: { statementMs: 5000, queryMs: 6000, connectMs: 5000 },
      rateLimit: { limit: 300, windowMs: 60_000, redisUrl: null },
      trustProxy: false,
      seedLocalPosts: true,
      webhookSigningSecret: null,
    });
  });

  it('reads CLERK_WEBHOOK_SIGNING_SECRET as a whsec_ secret, and refuses anything else without echoing it', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(loadConfig({ ...clerkEnv, CLERK_WEBHOOK_SIGNING_SECRET: secret }).webhookSigningSecret).toBe(secret);
    expect(loadConfig(clerkEnv).webhookSigningSecret).toBeNull();
    const problems = problemsOf({ ...clerkEnv, CLERK_WEBHOOK_SIGNING_SECRET: 'sk_test_not-a-webhook-secret' });
    expect(problems).toEqual(['CLERK_WEBHOOK_SIGNING_SECRET: expected whsec_ followed by a base64 key']);
    expect(problems.join('\n')).not.toContain('not-a-webhook-secret');
  });

  it('seeds local posts on PGlite by default, with DATABASE_URL only when asked, and never in clerk mode', () => {
    expect(loadConfig({ DATABASE_URL }).seedLocalPosts).toBe(false);
    expect(loadConfig({ DATABASE_URL, LOCAL_SEED_POSTS: 'true' }).seedLocalPosts).toBe(true);
    expect(loadConfig({ LOCAL_SEED_POSTS: 'false' }).seedLocalPosts).toBe(false);
    expect(loadConfig(clerkEnv).seedLocalPosts).toBe(false);
    expect(problemsOf({ ...clerkEnv, LOCAL_SEED_POSTS: 'true' })).toEqual([
      'LOCAL_SEED_POSTS: local mode only (the seeded users live in the Clerk emulator); clear it with Clerk keys',
    ]);
    expect(problemsOf({ LOCAL_SEED_POSTS: 'yes' })).toEqual(['LOCAL_SEED_POSTS: must be true or false']);
  });

  it('writes pretty logs only when LOG_FORMAT says so, and refuses any other value in one line', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: '' }).logFormat).toBe('json');
    expect(problemsOf({ LOG_FORMAT: 'colour' })).toEqual(['LOG_FORMAT: must be one of json, pretty']);
  });

  it('treats empty and blank values as unset', () => {
    const config = loadConfig({ PORT: '', CLERK_SECRET_KEY: '', CLERK_PUBLISHABLE_KEY: '  ', CLERK_JWT_KEY: '' });
    expect(config.port).toBe(3001);
    expect(config.auth.mode).toBe('local');
  });

  it('reads clerk mode, turning a one-line \\n-escaped JWT key into a PEM', () => {
    const escaped = keys.publicKeyPem.trim().replace(/\n/g, '\\n');
    const config = loadConfig({ ...clerkEnv, CLERK_JWT_KEY: escaped, CLERK_API_URL: 'https://api.clerk.com', PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.authorizedParties).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.auth).toEqual({
      mode: 'clerk',
      secretKey: 'sk_test_abc123',
      publishableKey: clerkEnv.CLERK_PUBLISHABLE_KEY,
      jwtKey: keys.publicKeyPem,
      apiUrl: 'https://api.clerk.com',
    });
  });

  it('reports every bad variable on its own line', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'loud',
      CLERK_SECRET_KEY: 'pk_test_swapped',
      CLERK_PUBLISHABLE_KEY: 'not-a-key',
      CLERK_AUTHORIZED_PARTIES: 'https://app.example.com/, ftp://files.example.com, app.example.com',
      CLERK_JWT_KEY: 'garbage',
      CLERK_API_URL: 'api.clerk.com',
    });
    expect(problems).toEqual([
      'PORT: must be a port number (0-65535)',
      'NODE_ENV: must be one of development, test, production',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'CLERK_SECRET_KEY: must be a Clerk secret key (sk_test_… or sk_live_…)',
      'CLERK_PUBLISHABLE_KEY: must be a Clerk publishable key (pk_test_… or pk_live_…)',
      'CLERK_JWT_KEY: must be a PEM public key (-----BEGIN PUBLIC KEY----- …)',
      'CLERK_API_URL: must be an http(s) URL',
      'CLERK_AUTHORIZED_PARTIES: "https://app.example.com/" is not an origin (scheme://host[:port], no path, no trailing slash); did you mean "https://app.example.com"?',
      'CLERK_AUTHORIZED_PARTIES: "ftp://files.example.com" must use http or https',
      'CLERK_AUTHORIZED_PARTIES: "app.example.com" is not a URL; write an origin such as https://app.example.com',
    ]);
  });

  it('reports the rules between variables beside bad variables, in one go', () => {
    expect(
      problemsOf({ PORT: 'x', NODE_ENV: 'production', DATABASE_STATEMENT_TIMEOUT_MS: '7000', CLERK_EMULATOR_URL: 'http://localhost:3100' }),
    ).toEqual([
      'PORT: must be a port number (0-65535)',
      'NODE_ENV: is production, which refuses local mode: set CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY and CLERK_AUTHORIZED_PARTIES (local mode is for development only)',
      "CLERK_EMULATOR_URL: use 127.0.0.1 rather than localhost: Clerk's SDKs refuse a Frontend API host without a dot",
      'DATABASE_URL: required when NODE_ENV is production; the embedded PGlite default is for development only (its data belongs to one process and cannot be shared by several API instances)',
      'DATABASE_QUERY_TIMEOUT_MS: must be longer than DATABASE_STATEMENT_TIMEOUT_MS (7000), so that PostgreSQL cancels a slow statement before the client gives up on the connection',
    ]);
  });

  it('ignores the emulator variables in clerk mode, which does not read them', () => {
    expect(loadConfig({ ...clerkEnv, CLERK_EMULATOR_URL: 'http://localhost:3100' }).auth.mode).toBe('clerk');
  });

  it('refuses a port out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: must be a port number (0-65535)']);
  });

  it('refuses half-configured Clerk, naming the missing key', () => {
    expect(problemsOf({ CLERK_SECRET_KEY: clerkEnv.CLERK_SECRET_KEY })).toEqual([
      'CLERK_PUBLISHABLE_KEY: required because CLERK_SECRET_KEY is set (set both for Clerk, or neither for local mode)',
    ]);
    expect(problemsOf({ CLERK_PUBLISHABLE_KEY: clerkEnv.CLERK_PUBLISHABLE_KEY })).toEqual([
      'CLERK_SECRET_KEY: required because CLERK_PUBLISHABLE_KEY is set (set both for Clerk, or neither for local mode)',
    ]);
  });

  it('requires the authorized parties in clerk mode', () => {
    expect(problemsOf({ ...clerkEnv, CLERK_AUTHORIZED_PARTIES: '' })).toEqual([
      'CLERK_AUTHORIZED_PARTIES: required with Clerk keys (comma-separated SPA origins, e.g. https://app.example.com)',
    ]);
    expect(problemsOf({ ...clerkEnv, CLERK_AUTHORIZED_PARTIES: ' , ' })).toEqual([
      'CLERK_AUTHORIZED_PARTIES: must list at least one origin, e.g. https://app.example.com',
    ]);
  });

  it('refuses local mode in production', () => {
    // A DATABASE_URL, which production also requires (tested below), keeps this about local mode.
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL })).toEqual([
      'NODE_ENV: is production, which refuses local mode: set CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY and CLERK_AUTHORIZED_PARTIES (local mode is for development only)',
    ]);
    expect(loadConfig({ ...clerkEnv, NODE_ENV: 'production', DATABASE_URL }).nodeEnv).toBe('production');
  });

  it('refuses keys from different instance types', () => {
    expect(problemsOf({ ...clerkEnv, CLERK_SECRET_KEY: 'sk_live_abc123' })).toEqual([
      'CLERK_PUBLISHABLE_KEY: is a test key but CLERK_SECRET_KEY is a live key; use the pair from one Clerk instance',
    ]);
  });

  it('refuses a publishable key that does not encode a Frontend API host', () => {
    const noDot = `pk_test_${Buffer.from('localhost:3100$').toString('base64')}`;
    expect(problemsOf({ ...clerkEnv, CLERK_PUBLISHABLE_KEY: noDot })).toEqual([
      'CLERK_PUBLISHABLE_KEY: is not a valid Clerk publishable key (it must encode the Frontend API host); copy it again from the dashboard',
    ]);
  });

  it('refuses a private key or a non-RSA key as CLERK_JWT_KEY', () => {
    expect(problemsOf({ ...clerkEnv, CLERK_JWT_KEY: keys.privateKeyPem })).toEqual([
      'CLERK_JWT_KEY: is a private key; use the instance public key (Clerk dashboard → API keys → JWT public key)',
    ]);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(problemsOf({ ...clerkEnv, CLERK_JWT_KEY: ec.toString() })).toEqual(['CLERK_JWT_KEY: must be an RSA-2048 public key, as Clerk issues']);
  });

  it('refuses Clerk-only variables in local mode rather than ignoring them', () => {
    expect(problemsOf({ CLERK_JWT_KEY: keys.publicKeyPem, CLERK_API_URL: 'https://api.clerk.com' })).toEqual([
      'CLERK_JWT_KEY: set without Clerk keys; set CLERK_SECRET_KEY and CLERK_PUBLISHABLE_KEY too, or clear it for local mode',
      'CLERK_API_URL: set without Clerk keys; set CLERK_SECRET_KEY and CLERK_PUBLISHABLE_KEY too, or clear it for local mode',
    ]);
  });

  it('refuses a emulator URL Clerk could not use', () => {
    expect(problemsOf({ CLERK_EMULATOR_URL: 'http://localhost:3100' })).toEqual([
      "CLERK_EMULATOR_URL: use 127.0.0.1 rather than localhost: Clerk's SDKs refuse a Frontend API host without a dot",
    ]);
    expect(problemsOf({ CLERK_EMULATOR_URL: 'http://127.0.0.1:3100/identity' })).toEqual([
      'CLERK_EMULATOR_URL: must be an origin (scheme://host:port), without a path',
    ]);
  });

  it('puts every problem in the error message, one per line', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(
      'Invalid API configuration:\n  - PORT: must be a port number (0-65535)\n  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });
});

describe('loadConfig: the database', () => {
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL }).database).toEqual({ kind: 'postgres', url: DATABASE_URL });
    const socket = 'postgresql:///app?host=/var/run/postgresql';
    expect(loadConfig({ DATABASE_URL: socket }).database).toEqual({ kind: 'postgres', url: socket });
  });

  it('uses PGlite in PGLITE_DATA_DIR, resolved, when DATABASE_URL is unset or blank', () => {
    expect(loadConfig({ PGLITE_DATA_DIR: 'tmp/db', DATABASE_URL: ' ' }).database).toEqual({ kind: 'pglite', dataDir: resolve('tmp/db') });
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without echoing it', () => {
    for (const url of ['mysql://app:s3cret-pw@db.example.com/app', 'db.example.com:5432/s3cret-pw']) {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toEqual(['DATABASE_URL: must be a PostgreSQL URL, e.g. postgres://user:password@db.example.com:5432/app']);
      expect(problems.join()).not.toContain('s3cret-pw');
    }
  });

  it('refuses PGLITE_DATA_DIR beside DATABASE_URL rather than ignoring one', () => {
    expect(problemsOf({ DATABASE_URL, PGLITE_DATA_DIR: '.local/pglite' })).toEqual([
      'PGLITE_DATA_DIR: set with DATABASE_URL, which replaces PGlite; clear one of them',
    ]);
  });

  it('requires DATABASE_URL in production: PGlite cannot be shared by several instances', () => {
    expect(problemsOf({ ...clerkEnv, NODE_ENV: 'production' })).toEqual([
      'DATABASE_URL: required when NODE_ENV is production; the embedded PGlite default is for development only (its data belongs to one process and cannot be shared by several API instances)',
    ]);
    expect(problemsOf({ NODE_ENV: 'production' })).toHaveLength(2);
  });

  it('reads the database settings alone, without the Clerk keys, for db:migrate', () => {
    expect(loadDatabaseConfig({ NODE_ENV: 'production', DATABASE_URL, CLERK_SECRET_KEY: 'sk_test_only' })).toEqual({
      kind: 'postgres',
      url: DATABASE_URL,
    });
    expect(loadDatabaseConfig({})).toEqual({ kind: 'pglite', dataDir: resolve('.local/pglite') });
    expect(() => loadDatabaseConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: required when NODE_ENV is production/);
  });
});

describe('loadConfig: database timeouts', () => {
  it('reads the statement, query and connect timeouts', () => {
    const config = loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_QUERY_TIMEOUT_MS: '2500', DATABASE_CONNECT_TIMEOUT_MS: '1000' });
    expect(config.databaseTimeouts).toEqual({ statementMs: 2000, queryMs: 2500, connectMs: 1000 });
  });

  it('refuses a query timeout that would fire before the server cancels the statement', () => {
    expect(problemsOf({ DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_QUERY_TIMEOUT_MS: '5000' })).toEqual([
      'DATABASE_QUERY_TIMEOUT_MS: must be longer than DATABASE_STATEMENT_TIMEOUT_MS (5000), so that PostgreSQL cancels a slow statement before the client gives up on the connection',
    ]);
    expect(problemsOf({ DATABASE_CONNECT_TIMEOUT_MS: '5s' })).toEqual(['DATABASE_CONNECT_TIMEOUT_MS: must be a whole number above 0']);
  });
});

describe('loadConfig: TRUST_PROXY', () => {
  it('is off unless set, and off for 0', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('reads a hop count, or a list of proxy addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,2001:db8::/32, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '2001:db8::/32',
      'loopback',
    ]);
  });

  it('refuses "true" and anything that is not an address, with one line', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([
      'TRUST_PROXY: trusts every hop, which lets any client choose its address; give the number of proxies in front of the API (e.g. 1) or their addresses',
    ]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33, proxy.internal,1.2.3.4' })).toEqual([
      'TRUST_PROXY: must be a hop count (e.g. 1) or IP addresses and CIDR ranges (e.g. 10.0.0.0/8, 2001:db8::1); not "10.0.0.0/33", "proxy.internal"',
    ]);
  });
});

describe('loadConfig: rate limits', () => {
  it('reads the limit, the window and a Redis URL for shared counters', () => {
    const config = loadConfig({ RATE_LIMIT_MAX: '50', RATE_LIMIT_WINDOW_MS: '1000', REDIS_URL: 'redis://:pw@cache.internal:6379' });
    expect(config.rateLimit).toEqual({ limit: 50, windowMs: 1000, redisUrl: 'redis://:pw@cache.internal:6379' });
  });

  it('refuses limits that are not whole numbers above 0, and a Redis URL that is not one, without echoing it', () => {
    const problems = problemsOf({ RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_MS: '1.5', REDIS_URL: 'http://:s3cret-pw@cache.internal' });
    expect(problems).toEqual([
      'RATE_LIMIT_MAX: must be a whole number above 0',
      'RATE_LIMIT_WINDOW_MS: must be a whole number above 0',
      'REDIS_URL: must be a Redis URL, e.g. redis://127.0.0.1:6379',
    ]);
    expect(problems.join()).not.toContain('s3cret-pw');
  });
});
