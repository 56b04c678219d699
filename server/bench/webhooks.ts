import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { createApiClerkClient } from '../src/auth/clerk-client.ts';
import { openTestDatabase, type TestDatabase } from '../src/testing/test-database.ts';
import { createLogger } from '../src/logger.ts';
import { createAuthFixtures } from '../src/testing/auth-fixtures.ts';
import { clerkEvent, clerkUser, deletedData } from '../src/testing/clerk-events.ts';
import { send } from '../src/testing/http.ts';
import { listen } from '../src/testing/listen.ts';
import { newSvixId, newWebhookSecret, nowSeconds, svixHeaders } from '../src/testing/svix.ts';

/**
 * `npm run bench:webhooks`: how long POST /api/webhooks/clerk takes to answer for `upsert`, `duplicate` and `delete`.
 * Bounded: `--count` deliveries per figure (at most 5,000), 30 s per figure. How: docs/performance.md.
 */
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    users: { type: 'string', default: '200' },
    'posts-per-user': { type: 'string', default: '50' },
  },
});
const count = Math.min(Number(args.count), 5_000);
const userCount = Number(args.users);
const postsPerUser = Number(args['posts-per-user']);
const MAX_MS_PER_FIGURE = 30_000;
const DELETIONS = Math.min(50, userCount);

const secret = newWebhookSecret();
const auth = createAuthFixtures();

async function deliver(baseUrl: string, event: unknown, id = newSvixId()): Promise<number> {
  const body = JSON.stringify(event);
  const started = performance.now();
  const reply = await send(baseUrl, '/api/webhooks/clerk', {
    method: 'POST',
    headers: svixHeaders(secret, { id, timestamp: nowSeconds(), body }),
    body,
  });
  const elapsed = performance.now() - started;
  if (reply.status !== 200) throw new Error(`delivery answered ${reply.status}: ${reply.text}`);
  return elapsed;
}

async function timed(run: (index: number) => Promise<number>, limit: number): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + MAX_MS_PER_FIGURE;
  for (let index = 0; index < limit && performance.now() < deadline; index++) samples.push(await run(index));
  return samples;
}

function report(name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2);
  console.log(`${name.padEnd(10)} p50 ${at(0.5).padStart(7)} ms   p99 ${at(0.99).padStart(7)} ms   (${sorted.length} deliveries)`);
}

async function bench(database: TestDatabase): Promise<void> {
  const clerk = auth.clerkOptions();
  const app = createApp({ clerkClient: createApiClerkClient(clerk), clerk, logger: createLogger('silent'), database, webhookSigningSecret: secret });
  const server = await listen(app);
  try {
    const userAt = (index: number) =>
      clerkUser({ id: `user_${index % userCount}`, first_name: `User ${index}`, last_name: 'Bench', updated_at: 1_000 + index });
    // Warm up connections, plans and the JIT, as a running API would have them.
    for (let index = 0; index < 50; index++) await deliver(server.baseUrl, clerkEvent('user.created', userAt(index)));
    const upserts = await timed(
      (index) => deliver(server.baseUrl, clerkEvent(index < userCount ? 'user.created' : 'user.updated', userAt(50 + index))),
      count,
    );
    report('upsert', upserts);

    const replayedId = newSvixId();
    await deliver(server.baseUrl, clerkEvent('user.updated', userAt(1_000_000)), replayedId);
    report('duplicate', await timed(() => deliver(server.baseUrl, clerkEvent('user.updated', userAt(1_000_000)), replayedId), count));

    await database.db.execute(sql`
      insert into posts (author_id, title)
      select 'user_' || (i % ${DELETIONS}), 'Post ' || i from generate_series(1, ${DELETIONS * postsPerUser}) as i`);
    report(`delete`, await timed((index) => deliver(server.baseUrl, clerkEvent('user.deleted', deletedData('user', `user_${index}`))), DELETIONS));
  } finally {
    await server.close();
  }
}

const database = await openTestDatabase();
try {
  console.log(
    `webhook bench on ${database.kind === 'postgres' ? 'PostgreSQL (TEST_DATABASE_URL)' : 'in-memory PGlite'}: ${userCount} users, ` +
      `deletions of users with ${postsPerUser} posts, one delivery at a time over loopback`,
  );
  await bench(database);
} finally {
  await database.close();
}
