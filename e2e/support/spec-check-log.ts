import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ARTIFACTS_DIR } from './origins.ts';

/**
 * What the spec-checking proxy saw pass between the API and the emulator, one JSON line each, in
 * `e2e/.artifacts/spec-check/`: the proxy writes it, the global teardown checks it (spec-check-teardown.ts).
 */
export const SPEC_CHECK_DIR = `${ARTIFACTS_DIR}spec-check/`;
export const TRAFFIC_FILE = `${SPEC_CHECK_DIR}traffic.jsonl`;
export const REPORT_FILE = `${SPEC_CHECK_DIR}report.json`;

/** One answer of the emulator's Backend API to the API, as it went. */
export interface BackendApiAnswer {
  kind: 'bapi';
  method: string;
  /** Path and query, as the API asked: `/v1/users/user_…`. */
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/** One webhook delivery of the emulator to the API, and the API's answer; a retry repeats its `svixId`. */
export interface WebhookDelivery {
  kind: 'webhook';
  svixId: string;
  body: string;
  status: number;
  answer: string;
}

export type RecordedTraffic = BackendApiAnswer | WebhookDelivery;

/** Empties the log: one per run, as the proxy is started once per run. */
export function startTrafficLog(): void {
  mkdirSync(SPEC_CHECK_DIR, { recursive: true });
  writeFileSync(TRAFFIC_FILE, '');
}

// Synchronous: a line is in the file before the answer it records has reached the API, so the teardown misses none.
export function appendTraffic(entry: RecordedTraffic): void {
  appendFileSync(TRAFFIC_FILE, `${JSON.stringify(entry)}\n`);
}

/** Everything recorded this run; none when the proxy never started. */
export function readTraffic(): RecordedTraffic[] {
  if (!existsSync(TRAFFIC_FILE)) return [];
  return readFileSync(TRAFFIC_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedTraffic);
}
