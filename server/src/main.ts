import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { createApiClerkClient } from './auth/clerk-client.ts';
import { clerkOptionsFor, type ClerkOptions } from './auth/clerk-options.ts';
import { ConfigError, loadConfig, loadDotEnvFile, type Config } from './env.ts';
import { createLogger } from './logger.ts';

/** In-flight requests get this long to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;

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

function start(): void {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let clerk: ClerkOptions;
  try {
    clerk = clerkOptionsFor(config);
  } catch (error) {
    // Local mode reads the identity key store; an unreadable one is fatal and worth one clear line.
    logger.fatal({ err: error }, 'could not prepare the Clerk configuration');
    process.exit(1);
  }
  const app = createApp({ clerkClient: createApiClerkClient(clerk), clerk, logger });
  const server = app.listen(config.port, (error?: Error) => {
    if (error) {
      logger.fatal({ err: error }, 'could not listen');
      process.exit(1);
    }
    const { port } = server.address() as AddressInfo;
    logger.info(
      { port, mode: config.auth.mode, authorizedParties: config.authorizedParties },
      `API listening on port ${port} (${config.auth.mode} mode)`,
    );
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => shutDown(server, logger, signal));
  }
}

/** Stop accepting, let in-flight requests finish, exit 0; after the grace period force-close and exit 1. */
function shutDown(server: Server, logger: Logger, signal: string): void {
  logger.info({ signal }, 'shutting down');
  let forced = false;
  const force = setTimeout(() => {
    forced = true;
    logger.warn('in-flight requests did not finish in time; closing their connections');
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  // A keep-alive connection whose request finishes after close() would stay
  // open until its idle timeout: close such connections as they become idle.
  const reapIdle = setInterval(() => server.closeIdleConnections(), 100);
  force.unref();
  reapIdle.unref();
  server.close((error) => {
    clearTimeout(force);
    clearInterval(reapIdle);
    if (error) logger.error({ err: error }, 'error while closing the server');
    logger.flush();
    process.exit(forced || error ? 1 : 0);
  });
  server.closeIdleConnections();
}

start();
