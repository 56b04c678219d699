import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAuthFixtures } from '../src/testing/auth-fixtures.ts';
import { startApiInstance, type ApiInstance } from './api-instance.ts';

/**
 * `npm run bench`: what authentication costs per request, cached and stock Clerk side by side, in requests per second
 * and server CPU per request. Bounded: rounds × 6 × duration seconds. How it measures: docs/performance.md.
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    users: { type: 'string', default: '1000' },
  },
});
const durationSeconds = Math.min(Number(args.duration), 30);
const rounds = Math.min(Number(args.rounds), 5);
const connections = Number(args.connections);
const users = Number(args.users);

const auth = createAuthFixtures();
const clerk = auth.clerkOptions();
const tokens = Array.from({ length: users }, (_, i) => auth.token({ userId: `user_bench${i}`, sessionId: `sess_bench${i}`, ttlSeconds: 600 }));

interface Instance extends ApiInstance {
  label: string;
}

async function startInstance(label: string, tokenCache: boolean): Promise<Instance> {
  return { label, ...(await startApiInstance({ clerk, tokenCache })) };
}

interface Measurement {
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
}

/** Throughput and server CPU cost of one route; every non-2xx answer fails the run. */
async function measure(instance: ApiInstance, path: string, withTokens: boolean): Promise<Measurement> {
  let next = 0;
  const cpuBefore = await instance.cpuMicros();
  const result = await autocannon({
    url: instance.baseUrl,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'GET',
        path,
        setupRequest: (request) => {
          if (!withTokens) return request;
          const token = tokens[next++ % tokens.length];
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${path} on ${instance.baseUrl}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  const cpuMicros = (await instance.cpuMicros()) - cpuBefore;
  return { requestsPerSecond: result.requests.average, cpuMicrosPerRequest: cpuMicros / result.requests.total };
}

interface Totals {
  open: Measurement;
  guarded: Measurement;
  anonymous: Measurement;
}

const zero = (): Measurement => ({ requestsPerSecond: 0, cpuMicrosPerRequest: 0 });
const add = (total: Measurement, one: Measurement) => {
  total.requestsPerSecond += one.requestsPerSecond;
  total.cpuMicrosPerRequest += one.cpuMicrosPerRequest;
};

async function main() {
  const instances = [await startInstance('verified-token cache', true), await startInstance('stock clerkMiddleware', false)];
  const totals = new Map<string, Totals>(instances.map((instance) => [instance.label, { open: zero(), guarded: zero(), anonymous: zero() }]));
  try {
    // Warm-up: JIT, connection pools, the first verification of every token.
    for (const instance of instances) await measure(instance, '/api/me', true);
    for (let round = 0; round < rounds; round += 1) {
      for (const instance of instances) {
        const total = totals.get(instance.label)!;
        add(total.open, await measure(instance, '/api/health', false));
        add(total.guarded, await measure(instance, '/api/me', true));
        add(total.anonymous, await measure(instance, '/api/hello', false));
      }
    }
  } finally {
    for (const instance of instances) instance.stop();
  }
  printTable(totals);
}

function printTable(totals: Map<string, Totals>) {
  console.log(`\nAuth throughput: ${users} users, ${connections} connections, ${rounds} rounds of ${durationSeconds} s per route, loopback`);
  console.log('req/s, and each route relative to /api/health (no token, before authentication):');
  console.log('| API instance | /api/health | /api/me (Bearer) | ratio | /api/hello (no token) | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const perRound = (m: Measurement) => ({ rate: m.requestsPerSecond / rounds, cpu: m.cpuMicrosPerRequest / rounds });
  for (const [label, total] of totals) {
    const [open, guarded, anonymous] = [perRound(total.open), perRound(total.guarded), perRound(total.anonymous)];
    console.log(
      `| ${label} | ${open.rate.toFixed(0)} | ${guarded.rate.toFixed(0)} | ${(guarded.rate / open.rate).toFixed(2)}× ` +
        `| ${anonymous.rate.toFixed(0)} | ${(anonymous.rate / open.rate).toFixed(2)}× |`,
    );
  }
  // The CPU ratio reads like the throughput one: what a CPU-bound server would serve on the route relative to /api/health.
  console.log('\nServer CPU µs per request, and the ratio /api/health ÷ route:');
  console.log('| API instance | /api/health | /api/me (Bearer) | ratio | /api/hello (no token) | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, total] of totals) {
    const [open, guarded, anonymous] = [perRound(total.open), perRound(total.guarded), perRound(total.anonymous)];
    console.log(
      `| ${label} | ${open.cpu.toFixed(0)} | ${guarded.cpu.toFixed(0)} | ${(open.cpu / guarded.cpu).toFixed(2)}× ` +
        `| ${anonymous.cpu.toFixed(0)} | ${(open.cpu / anonymous.cpu).toFixed(2)}× |`,
    );
  }
}

await main();
