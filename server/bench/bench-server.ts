import { createApp } from '../src/app.ts';
import { createApiClerkClient } from '../src/auth/clerk-client.ts';
import type { ClerkOptions } from '../src/auth/clerk-options.ts';
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
}

process.once('message', async ({ clerk, tokenCache }: BenchServerRequest) => {
  const app = createApp({
    clerkClient: createApiClerkClient(clerk),
    clerk,
    logger: createLogger('silent'),
    // The measured routes read no data.
    database: await unreachableDatabase(),
    // As in production, protected routes pass the limiter; the limit is out of reach.
    rateLimit: { limit: 1_000_000_000, windowMs: 60_000 },
    tokenCache: tokenCache ? {} : false,
  });
  const server = await listen(app);
  process.send?.({ baseUrl: server.baseUrl });
  process.once('disconnect', () => void server.close().then(() => process.exit(0)));
});
