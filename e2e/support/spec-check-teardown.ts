import { relative } from 'node:path';
import { writeFileSync } from 'node:fs';
import { checkWebhookEvent, formatViolations, specCoverage, type SpecViolation } from '../../server/src/testing/clerk-spec-check.ts';
import { checkEmulatorAnswer } from '../../server/src/testing/spec-checked-answers.ts';
import { readTraffic, REPORT_FILE, type BackendApiAnswer, type RecordedTraffic, type WebhookDelivery } from './spec-check-log.ts';

/**
 * The global teardown: every Backend API answer the API received and every webhook event it was sent in this run
 * (recorded by spec-checking-proxy.ts) checked against Clerk's spec, as the unit tests check theirs
 * (server/src/testing/clerk-spec-check.ts). It writes the report, prints the counts, and fails the run when an
 * answer or event strayed, when the API refused an event, or when it saw none of either: a check that sees
 * nothing proves nothing.
 */
interface SpecCheckReport {
  backendApiAnswers: number;
  webhookEvents: number;
  operations: string[];
  eventTypes: string[];
  /** Backend API answers at paths the spec has no operation for: passed on, not checked. */
  unmatched: string[];
  failures: SpecViolation[];
}

export default function checkRecordedTraffic(): void {
  const traffic = readTraffic();
  const answers = traffic.filter(isBackendApiJson);
  const deliveries = traffic.filter((entry) => entry.kind === 'webhook');
  const events = firstOfEach(deliveries);
  const failures = grouped([
    ...answers.flatMap((answer) => checkBackendApiAnswer(answer) ?? []),
    ...events.flatMap((event) => checkDelivery(event) ?? []),
    ...firstOfEach(deliveries.filter(refusedByTheApi)).map(refusal),
  ]);
  const report: SpecCheckReport = {
    backendApiAnswers: answers.length,
    webhookEvents: events.length,
    operations: [...specCoverage.operations.bapi].sort(),
    eventTypes: [...specCoverage.events].sort(),
    unmatched: [...specCoverage.unmatched].sort(),
    failures,
  };
  writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(countsLine(report));
  const problems = [
    ...(failures.length
      ? [`Backend API answers and webhook events that stray from Clerk's spec (or that the API refused):\n${formatViolations(failures)}`]
      : []),
    ...nothingSeen(report),
  ];
  if (problems.length) throw new Error(problems.join('\n\n'));
}

/** The Backend API's JSON answers; the JWKS the webServer check fetches through the proxy is neither. */
function isBackendApiJson(entry: RecordedTraffic): entry is BackendApiAnswer {
  return entry.kind === 'bapi' && entry.url.startsWith('/v1/') && entry.contentType.includes('application/json');
}

/** A retried delivery is the same event: checked once. */
function firstOfEach(deliveries: WebhookDelivery[]): WebhookDelivery[] {
  const bySvixId = new Map<string, WebhookDelivery>();
  for (const delivery of deliveries) if (!bySvixId.has(delivery.svixId)) bySvixId.set(delivery.svixId, delivery);
  return [...bySvixId.values()];
}

/**
 * The API's receiver answers 4xx only to what no retry can fix: a signature that does not verify (so the proxy
 * must pass the bytes untouched) or data it cannot read. A 5xx, or the proxy's 502 while the API starts, is retried.
 */
function refusedByTheApi(delivery: WebhookDelivery): boolean {
  return delivery.status >= 400 && delivery.status < 500;
}

function refusal({ svixId, body, status, answer }: WebhookDelivery): SpecViolation {
  const type = /"type":"([^"]+)"/.exec(body)?.[1] ?? 'event';
  return { where: `webhook ${type} ${svixId}`, problems: [`the API refused it with ${status}: ${answer.slice(0, 300)}`] };
}

function checkBackendApiAnswer({ method, url, status, contentType, body }: BackendApiAnswer): SpecViolation | null {
  try {
    return checkEmulatorAnswer(method, new URL(url, 'http://emulator'), status, contentType, Buffer.from(body));
  } catch {
    return { where: `bapi ${method} ${url} ${status}`, problems: ['the body is not JSON'] };
  }
}

function checkDelivery({ svixId, body }: WebhookDelivery): SpecViolation | null {
  let event: { type: string };
  try {
    event = JSON.parse(body) as { type: string };
  } catch {
    return { where: `webhook ${svixId}`, problems: ['the body is not JSON'] };
  }
  return checkWebhookEvent(event);
}

/** The same problem at the same place, once, with how often it came: one broken serializer strays on every call. */
function grouped(violations: SpecViolation[]): SpecViolation[] {
  const times = new Map<string, { violation: SpecViolation; count: number }>();
  for (const violation of violations) {
    const key = JSON.stringify(violation);
    const seen = times.get(key);
    if (seen) seen.count += 1;
    else times.set(key, { violation, count: 1 });
  }
  return [...times.values()].map(({ violation, count }) =>
    count === 1 ? violation : { ...violation, where: `${violation.where} (${count} times)` },
  );
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function countsLine(report: SpecCheckReport): string {
  const unmatched = report.unmatched.length ? `; unchecked, at paths the spec lacks: ${report.unmatched.join(', ')}` : '';
  return (
    `Clerk's spec, between the API and the emulator: ${counted(report.backendApiAnswers, 'Backend API answer')} (${counted(report.operations.length, 'operation')}) ` +
    `and ${counted(report.webhookEvents, 'webhook event')} (${counted(report.eventTypes.length, 'type')}) checked, ${counted(report.failures.length, 'problem')}${unmatched} ` +
    `(${relative(process.cwd(), REPORT_FILE)})`
  );
}

/**
 * The whole suite must have seen both. Measurements (E2E_MEASURE) are not tests, and a run of some specs only
 * (`npm run test:e2e -- e2e/cdn.spec.ts`, `--grep`) may well need neither.
 */
function nothingSeen(report: SpecCheckReport): string[] {
  if (process.env.E2E_MEASURE || ranSomeSpecsOnly()) return [];
  const problems: string[] = [];
  if (report.backendApiAnswers === 0) {
    problems.push(
      'The spec-checking proxy saw no Backend API answer: the API no longer calls the emulator through it (its CLERK_EMULATOR_URL in e2e/playwright.config.ts), or the specs run made no Backend API call (a signed-in dashboard makes one for the profile).',
    );
  }
  if (report.webhookEvents === 0) {
    problems.push(
      'The spec-checking proxy saw no webhook event: the emulator no longer delivers through it (its CLERK_EMULATOR_WEBHOOK_URL in e2e/playwright.config.ts), or the specs run changed nothing in the emulator (a sign-up, a sign-out or a profile change sends one).',
    );
  }
  return problems;
}

/** Whether the runner (this process) was given spec files or a filter, rather than the whole suite. */
function ranSomeSpecsOnly(): boolean {
  return process.argv.some((arg) => /\.spec\.ts(:\d+)*$/.test(arg) || /^(-g|--grep|--grep-invert|--last-failed|--only-changed)\b/.test(arg));
}
