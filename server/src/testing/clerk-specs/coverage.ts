import { readFileSync } from 'node:fs';
import { definedInSpec, KNOWN_GAPS } from '../clerk-spec-check.ts';

/**
 * The spec check's coverage: which of Clerk's operations and webhook events the
 * tests met. Run the tests with CLERK_SPEC_COVERAGE_FILE set, then this:
 *   CLERK_SPEC_COVERAGE_FILE=/tmp/clerk-spec.jsonl npx vitest run --project server server/src/clerk-emulator
 *   npx tsx server/src/testing/clerk-specs/coverage.ts /tmp/clerk-spec.jsonl
 */
interface Seen {
  kind: 'operation' | 'unmatched' | 'event';
  spec: string;
  name: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: coverage.ts <CLERK_SPEC_COVERAGE_FILE>');
const seen = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Seen);
const names = (kind: Seen['kind'], spec: string) =>
  [...new Set(seen.filter((item) => item.kind === kind && item.spec === spec).map((item) => item.name))].sort();
const defined = definedInSpec();

for (const spec of ['fapi', 'bapi'] as const) {
  const operations = names('operation', spec);
  console.log(`${spec}: ${operations.length} of ${defined[spec].length} operations seen`);
  for (const operation of operations) console.log(`  ${operation}`);
  const unmatched = names('unmatched', spec);
  if (unmatched.length) console.log(`  not in the spec (unchecked): ${unmatched.join(', ')}`);
}
const events = names('event', 'webhooks');
console.log(`webhooks: ${events.length} of ${defined.events.length} event types seen: ${events.join(', ')}`);
console.log(`known gaps: ${KNOWN_GAPS.length}`);
for (const gap of KNOWN_GAPS) console.log(`  ${gap.where}: ${gap.why}`);
