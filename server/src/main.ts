import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createRoleChangeLock } from './admin/role-change-lock.ts';
import { createApp } from './app.ts';
import { createApiClerkClient } from './auth/clerk-client.ts';
import { clerkOptionsFor, webhookSigningSecretFor, type ClerkOptions } from './auth/clerk-options.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { loadDotEnvFile } from './common/dot-env.ts';
import { ConfigError } from './common/env-parsing.ts';
import { loadConfig, type Config } from './env.ts';
import { gracefulClose, type GracefulClose } from './graceful-close.ts';
import { logDestination } from './common/log-format.ts';
import { createLogger } from './logger.ts';
import { connectRedis, type RedisConnection } from './middleware/redis-connection.ts';
import { seedLocalPosts } from './posts/local-seed-posts.ts';

/** In-flight requests get this long to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * How long start-up waits for Redis, so that limits are shared from the first
 * request; past it the API starts anyway, limiting in memory until Redis answers.
 */
const REDIS_START_WAIT_MS = 3_000;
/** After the requests, the database gets this long to close (PGlite flushes its folder). */
const DATABASE_CLOSE_GRACE_MS = 5_000;

function readConfig(): Config {
  try {
    loadDotEnvFile();
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

async function start(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel, logDestination(config.logFormat));
  let clerk: ClerkOptions;
  let webhookSigningSecret: string | null;
  try {
    clerk = clerkOptionsFor(config);
    webhookSigningSecret = webhookSigningSecretFor(config);
  } catch (error) {
    // Local mode reads the local key store; an unreadable one is fatal and worth one clear line.
    logger.fatal({ err: error }, 'could not prepare the Clerk configuration');
    process.exit(1);
  }
  if (webhookSigningSecret === null) {
    logger.warn('CLERK_WEBHOOK_SIGNING_SECRET is not set: POST /api/webhooks/clerk answers 503 and users and organizations are not kept in sync');
  }
  const database = await openMigratedDatabase(config, logger);
  const { limit, windowMs, redisUrl } = config.rateLimit;
  const redis = redisUrl ? connectRedis(redisUrl, logger) : null;
  await redis?.waitUntilReady(REDIS_START_WAIT_MS);
  const rateLimit = { limit, windowMs, ...(redis ? { redis } : {}) };
  const clerkClient = createApiClerkClient(clerk);
  await seedLocalPosts({ config, database, clerkClient, logger });
  // On PostgreSQL, role changes take turns with every instance on the database; PGlite has one process.
  const roleChangeLock = createRoleChangeLock({ database });
  const app = createApp({ clerkClient, clerk, logger, database, rateLimit, trustProxy: config.trustProxy, roleChangeLock, webhookSigningSecret });
  const server = app.listen(config.port, (error?: Error) => {
    if (error) {
      logger.fatal({ err: error }, 'could not listen');
      process.exit(1);
    }
    const { port } = server.address() as AddressInfo;
    logger.info(
      {
        port,
        mode: config.auth.mode,
        authorizedParties: config.authorizedParties,
        database: database.kind,
        sharedRateLimits: redis !== null,
        trustProxy: config.trustProxy,
      },
      `API listening on port ${port} (${config.auth.mode} mode)`,
    );
  });
  const closer = gracefulClose(server);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => shutDown(server, closer, database, redis, logger, signal));
  }
}

/**
 * Before the first request: open the configured database and apply pending
 * migrations. Failing is fatal. On PostgreSQL the migrations run on a pool of
 * their own without the request timeouts (an index build, or waiting for
 * another instance's migration, may take longer than any request should);
 * requests get a pool with them.
 */
async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  let database: Database | undefined;
  try {
    const options = {
      onIdleClientError: (error: Error) => logger.warn({ database: { reason: error.message } }, 'an idle database connection failed'),
    };
    database = await openDatabase(config.database, options);
    await migrateDatabase(database);
    if (database.kind === 'pglite') return database;
    const migrated = database;
    database = undefined;
    await migrated.close();
    database = await openDatabase(config.database, { ...options, timeouts: config.databaseTimeouts });
    return database;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.fatal({ err: error }, `could not open and migrate the database: ${reason}`);
    await database?.close().catch(() => {});
    logger.flush();
    process.exit(1);
  }
}

/**
 * Stop accepting, let in-flight requests finish and close every connection
 * without dropping a request (graceful-close.ts), exit 0; after the grace
 * period force-close and exit 1.
 */
function shutDown(server: Server, closer: GracefulClose, database: Database, redis: RedisConnection | null, logger: Logger, signal: string): void {
  logger.info({ signal }, 'shutting down');
  let forced = false;
  const force = setTimeout(() => {
    forced = true;
    logger.warn('in-flight requests did not finish in time; closing their connections');
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  closer.close((error) => {
    clearTimeout(force);
    if (error) logger.error({ err: error }, 'error while closing the server');
    // Only now that no request can still use it.
    // Neither rejects: closeDatabase resolves false on failure, and the Redis connection destroys itself when quitting fails.
    void Promise.all([closeDatabase(database, logger), redis?.close()]).then(([closed]) => {
      logger.flush();
      process.exit(forced || error || !closed ? 1 : 0);
    });
  });
}

/** Resolves false when closing failed or took too long (a query still running). */
function closeDatabase(database: Database, logger: Logger): Promise<boolean> {
  return new Promise((resolve) => {
    const timeout = setTimeout(() => {
      logger.warn('the database did not close in time');
      resolve(false);
    }, DATABASE_CLOSE_GRACE_MS);
    database
      .close()
      .then(
        () => resolve(true),
        (error: unknown) => {
          logger.error({ err: error }, 'error while closing the database');
          resolve(false);
        },
      )
      .finally(() => clearTimeout(timeout));
  });
}

await start();
