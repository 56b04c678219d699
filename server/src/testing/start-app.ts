import { Writable } from 'node:stream';
import { createApp } from '../app.ts';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import type { ClerkOptions } from '../auth/clerk-options.ts';
import { createLogger } from '../logger.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { listen } from './listen.ts';

export interface StartedApp {
  baseUrl: string;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log output, for "this secret never appears" assertions. */
  logText(): string;
  close(): Promise<void>;
}

/** The real app (real `clerkMiddleware`, real Clerk client) on 127.0.0.1:0, logging into memory. */
export async function startApp(clerk: ClerkOptions, options: { users?: UserDirectory } = {}): Promise<StartedApp> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const app = createApp({ clerkClient: createApiClerkClient(clerk), clerk, logger, ...options });
  const server = await listen(app);
  return {
    baseUrl: server.baseUrl,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join('\n'),
    close: server.close,
  };
}
