import { createApp } from '../src/app.ts';
import { createApiClerkClient } from '../src/auth/clerk-client.ts';
import { createVerifiedTokenCache } from '../src/auth/verified-token-cache.ts';
import type { ClerkOptions } from '../src/auth/clerk-options.ts';
import { openTestDatabase } from '../src/testing/test-database.ts';
import { createLogger } from '../src/logger.ts';
import { listen } from '../src/testing/listen.ts';
import { unreachableDatabase } from '../src/testing/start-app.ts';

/**
 * One API instance for the benchmark, in a process of its own so that the load
 * generator does not share its event loop. The parent sends the Clerk options
 * and whether verified tokens are cached; this process answers with its URL.
 */
interface BenchServerRequest {
  clerk: ClerkOptions;
  tokenCache: boolean;
  /** A migrated database of its own (PostgreSQL with TEST_DATABASE_URL, else in-memory PGlite); none for routes that read no data. */
  withDatabase?: boolean;
}

// A failure to start rejects unhandled and ends this process, which the parent reports.
process.once('message', (request: BenchServerRequest) => void serve(request));

async function serve({ clerk, tokenCache, withDatabase = false }: BenchServerRequest) {
  const database = withDatabase ? await openTestDatabase() : await unreachableDatabase();
  const app = createApp({
    clerkClient: createApiClerkClient(clerk),
    clerk,
    logger: createLogger('silent'),
    database,
    // As in production, protected routes pass the limiter; the limit is out of reach.
    rateLimit: { limit: 1_000_000_000, windowMs: 60_000 },
    tokenCache: tokenCache ? createVerifiedTokenCache() : false,
  });
  const server = await listen(app);
  process.send?.({ baseUrl: server.baseUrl });
  // The benchmark asks for CPU time; the load run for memory figures, after a full collection when --expose-gc allows it.
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'cpu') {
      process.send?.({ type: 'cpu', ...process.cpuUsage() });
      return;
    }
    if (message.type !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: 'memory', ...process.memoryUsage() });
  });
  process.once(
    'disconnect',
    () =>
      void server
        .close()
        .then(() => database.close())
        .then(() => process.exit(0)),
  );
}
