import { parseArgs } from 'node:util';
import { createAuthFixtures } from '../src/testing/auth-fixtures.ts';
import { bearer, send } from '../src/testing/http.ts';
import { listen } from '../src/testing/listen.ts';
import { startApp } from '../src/testing/start-app.ts';

/**
 * `npx tsx server/bench/hung-upstream.ts`: admin calls against a Backend API that never answers: latency, answers and
 * connections opened. Bounded: no new request after `--max-seconds`. How: docs/performance.md.
 */
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '20' },
    'max-seconds': { type: 'string', default: '90' },
  },
});
const requests = Math.min(Number(args.requests), 1000);
const concurrency = Math.min(Number(args.concurrency), 100);
const maxMs = Math.min(Number(args['max-seconds']), 300) * 1000;

const auth = createAuthFixtures();
const silent = await listen(() => {});
let connections = 0;
silent.server.on('connection', () => (connections += 1));
const app = await startApp(auth.clerkOptions({ apiUrl: silent.baseUrl }));

// Signed ahead: signing is the load generator's work, not the API's.
const tokens = Array.from({ length: requests }, (_, i) =>
  auth.token({ userId: `user_benchAdmin${i}`, sessionId: `sess_benchAdmin${i}`, publicMetadata: { role: 'admin' } }),
);
const latencies: number[] = [];
const statuses = new Map<number, number>();
const started = Date.now();
let issued = 0;
async function worker() {
  while (issued < requests && Date.now() - started < maxMs) {
    const i = issued++;
    const token = tokens[i]!;
    const t0 = performance.now();
    const reply = await send(app.baseUrl, '/api/admin/users?query=ada', { headers: bearer(token) });
    latencies.push(performance.now() - t0);
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (Date.now() - started) / 1000;
await app.close();
await silent.close();

latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
console.log(
  `\nAdmin calls against a Backend API that accepts connections and never answers: ${latencies.length} requests, ${concurrency} at a time, ${elapsed.toFixed(1)} s, loopback`,
);
console.log('| p50 | p99 | max | answers | connections opened to the upstream |');
console.log('| ---: | ---: | ---: | --- | ---: |');
const answers = [...statuses].map(([status, count]) => `${count}× ${status}`).join(', ');
console.log(`| ${ms(at(50))} | ${ms(at(99))} | ${ms(latencies.at(-1)!)} | ${answers} | ${connections} |`);
