import { Writable } from 'node:stream';
import type { RoleChangeLock } from '../admin/role-change-lock.ts';
import { createApp } from '../app.ts';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import type { ClerkOptions } from '../auth/clerk-options.ts';
import { openDatabase, type Database } from '../db/database.ts';
import type { TrustProxy } from '../common/env-parsing.ts';
import { createLogger } from '../logger.ts';
import type { RateLimitOptions } from '../middleware/rate-limit.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { listen, refusedUrl } from './listen.ts';

export interface StartedApp {
  baseUrl: string;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log output, for "this secret never appears" assertions. */
  logText(): string;
  close(): Promise<void>;
}

export interface StartAppOptions {
  users?: UserDirectory;
  rateLimit?: RateLimitOptions;
  /** The caller opens and closes it. Without one, the app gets a database nothing answers (see below). */
  database?: Database;
  trustProxy?: TrustProxy;
  /** Defaults to this process alone, as createApp's does. */
  roleChangeLock?: RoleChangeLock;
  /** Verifies POST /api/webhooks/clerk; without it the route answers 503. */
  webhookSigningSecret?: string | null;
  /** Listens on this loopback port rather than an ephemeral one. */
  port?: number;
}

/** The real app (real `clerkMiddleware`, real Clerk client) on 127.0.0.1:0, logging into memory. */
export async function startApp(clerk: ClerkOptions, options: StartAppOptions = {}): Promise<StartedApp> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const database = options.database ?? (await unreachableDatabase());
  const { port, ...deps } = options;
  const app = createApp({ clerkClient: createApiClerkClient(clerk), clerk, logger, ...deps, database });
  const server = await listen(app, port);
  return {
    baseUrl: server.baseUrl,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join('\n'),
    close: async () => {
      await server.close();
      if (!options.database) await database.close();
    },
  };
}

/**
 * For tests of features without a database, which should not pay for one: a
 * PostgreSQL pool aimed at a loopback port where nothing listens. Opening it
 * connects to nothing; a query fails as a database outage does (503).
 */
export async function unreachableDatabase(): Promise<Database> {
  const { host } = new URL(await refusedUrl());
  return openDatabase({ kind: 'postgres', url: `postgres://app@${host}/app` });
}
