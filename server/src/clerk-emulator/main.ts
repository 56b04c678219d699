import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createEmulatorApp } from './app.ts';
import { createEmulatorLogger, REQUEST_LOG_FIELD } from './http/request-log.ts';
import { loadDotEnvFile } from '../common/dot-env.ts';
import { logDestination } from '../common/log-format.ts';
import { ConfigError } from '../common/env-parsing.ts';
import { clerkModeConfigured, loadEmulatorConfig, type EmulatorConfig } from './env.ts';
import { loadOrCreateKeys, loadOrCreateWebhookSigningSecret } from '../common/local-keys.ts';
import { Inbox } from './mail/inbox.ts';
import { openOrSeedEmulatorStore } from './store/seed.ts';
import type { EmulatorStore } from './store/store.ts';
import { startWebhookSender, type WebhookSender } from './webhooks/webhook-sender.ts';

/**
 * Entry point of the Clerk emulator (`npm run start:emulator`, or
 * `tsx server/src/clerk-emulator/main.ts` in development). Loopback only.
 */
const SHUTDOWN_GRACE_MS = 5_000;

function readConfig(): EmulatorConfig {
  // The same `.env` as the API's, so both agree on CLERK_EMULATOR_URL and the authorized parties.
  loadDotEnvFile();
  if (clerkModeConfigured()) {
    console.log('clerk emulator: CLERK_SECRET_KEY is set, so the API uses Clerk and no Clerk emulator is started');
    process.exit(0);
  }
  try {
    return loadEmulatorConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`clerk emulator: ${problem}`);
    process.exit(1);
  }
}

async function start(): Promise<void> {
  const config = readConfig();
  const logger = createEmulatorLogger(config.logLevel, logDestination(config.logFormat, { hiddenFields: [REQUEST_LOG_FIELD] }));
  const { store, seeded } = await openOrSeedEmulatorStore(config.dataDir, {
    onWriteError: (error) => logger.error({ err: error }, 'could not write the store; its changes go with the next write'),
  });
  const keys = loadOrCreateKeys(config.dataDir);
  const webhooks = config.webhookUrl
    ? startWebhookSender(store, {
        dataDir: config.dataDir,
        url: config.webhookUrl,
        secret: config.webhookSigningSecret ?? loadOrCreateWebhookSigningSecret(config.dataDir),
        issuer: config.url,
        instanceId: keys.kid,
        logger,
      })
    : null;
  if (seeded) webhooks?.announceExisting();
  const app = createEmulatorApp({
    store,
    keys,
    inbox: new Inbox(config.dataDir, logger),
    issuer: config.url,
    authorizedParties: config.authorizedParties,
    tokenTtlSeconds: config.tokenTtlSeconds,
    logger,
  });
  const server = app.listen(config.port, '127.0.0.1', (error?: Error) => {
    if (error) {
      logger.fatal({ err: error }, `cannot listen on 127.0.0.1:${config.port}`);
      process.exit(1);
    }
    logger.info(
      { url: config.url, dataDir: config.dataDir, authorizedParties: config.authorizedParties, webhookUrl: config.webhookUrl ?? 'off' },
      'Clerk emulator listening',
    );
  });
  stopOnSignals(server, { store, webhooks }, logger);
}

/** SIGTERM/SIGINT: stop accepting, let in-flight requests finish, and exit within a bounded time. */
function stopOnSignals(server: Server, parts: { store: EmulatorStore; webhooks: WebhookSender | null }, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Clerk emulator stopping');
    // Undelivered webhooks stay in the outbox; the next start sends them.
    const webhooksClosed = parts.webhooks?.close() ?? Promise.resolve();
    // The store's last coalesced changes are written before the process goes.
    const flushThenExit = () =>
      void parts.store
        .flush()
        .catch((error: unknown) => logger.error({ err: error }, 'could not write the store on shutdown'))
        .finally(() => process.exit(0));
    server.close(() => void webhooksClosed.finally(flushThenExit));
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn('open connections after the grace period; closing them');
      server.closeAllConnections();
      flushThenExit();
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start().catch((error: unknown) => {
  console.error('clerk emulator: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
