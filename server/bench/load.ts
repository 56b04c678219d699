import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAuthFixtures } from '../src/testing/auth-fixtures.ts';
import { startApiInstance } from './api-instance.ts';

/**
 * `npm run load`: many signed-in users at once against a mix of reads and
 * writes (list posts, create a post, /api/me, /api/hello), loopback only and
 * bounded in time. It fails (exit 1) on any error, any non-2xx answer, or
 * memory that keeps growing: the heap after a full collection must not grow
 * by more than the allowance between the middle and the end of the run.
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    users: { type: 'string', default: '500' },
    'heap-growth-mb': { type: 'string', default: '64' },
  },
});
const durationSeconds = Math.min(Number(args.duration), 120);
const connections = Number(args.connections);
const users = Number(args.users);
const heapGrowthAllowance = Number(args['heap-growth-mb']) * 1024 * 1024;

const auth = createAuthFixtures();
// Organization members and personal users alike, each with a token valid for the whole run.
const tokens = Array.from({ length: users }, (_, i) =>
  auth.token({
    userId: `user_load${i}`,
    sessionId: `sess_load${i}`,
    ttlSeconds: 600,
    ...(i % 3 === 0 ? { organization: { id: 'org_load', slug: 'load', role: 'org:member', permissions: [] } } : {}),
  }),
);
let next = 0;
const signed = (request: autocannon.Request) => ({
  ...request,
  headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
});

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function run(baseUrl: string, seconds: number) {
  return autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      { method: 'GET', path: '/api/posts?limit=20', setupRequest: signed },
      {
        method: 'POST',
        path: '/api/posts',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Load test post', body: 'Written under load.' }),
        setupRequest: signed,
      },
      { method: 'GET', path: '/api/me', setupRequest: signed },
      { method: 'GET', path: '/api/hello', setupRequest: signed },
    ],
  });
}

async function main() {
  const api = await startApiInstance({ clerk: auth.clerkOptions(), tokenCache: true, withDatabase: true });
  try {
    const first = await run(api.baseUrl, Math.ceil(durationSeconds / 2));
    const middle = await api.memory();
    const second = await run(api.baseUrl, Math.floor(durationSeconds / 2));
    const end = await api.memory();
    const failures: string[] = [];
    for (const [half, result] of [
      ['first', first],
      ['second', second],
    ] as const) {
      console.log(
        `${half} half: ${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s, ` +
          `p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) failures.push(`${half} half had failed requests`);
    }
    const growth = end.heapUsed - middle.heapUsed;
    console.log(`heap after GC: ${MB(middle.heapUsed)} mid-run, ${MB(end.heapUsed)} at the end (${MB(growth)}); rss ${MB(end.rss)}`);
    if (growth > heapGrowthAllowance) failures.push(`the heap grew by ${MB(growth)}, more than ${MB(heapGrowthAllowance)}`);
    if (failures.length > 0) {
      console.error(`load: FAILED: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log(`load: passed: ${connections} connections, ${users} users, ${durationSeconds} s, 0 errors`);
    }
  } finally {
    api.stop();
  }
}

await main();
