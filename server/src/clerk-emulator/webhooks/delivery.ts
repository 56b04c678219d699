import type { Logger } from 'pino';
import type { OutboxMessage, WebhookOutbox } from './outbox.ts';
import { svixHeaders } from './signing.ts';

/**
 * Sends the outbox's messages to one URL as Svix does for Clerk: signed, at least once, retried on a growing delay,
 * refused connections retried soon and logged once. Why: docs/webhooks.md, "What the emulator sends in local mode".
 */
export interface WebhookDeliveryOptions {
  url: string;
  /** `whsec_…`. */
  secret: string;
  /** Delays before the 2nd, 3rd… attempt; after the last one fails the message is dropped. */
  retryDelaysMs: readonly number[];
  /** Per attempt, until the receiver answers with a status. */
  attemptTimeoutMs: number;
  /** Delays after a message's 1st, 2nd… refused connection; then refusals count as attempts. */
  refusedRetryDelaysMs?: readonly number[];
  logger?: Logger;
  now?: () => number;
}

/** Svix retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; locally, an API restarted within half an hour still gets everything. */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 300_000, 600_000, 1_800_000] as const;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;
/** An API that is starting usually listens within a few seconds. */
export const DEFAULT_REFUSED_RETRY_DELAYS_MS = [1_000, 2_000] as const;
/** Bounds one drain of the outbox; the next wake carries on. */
const MAX_ATTEMPTS_PER_DRAIN = 1_000;

/** `status`: the receiver's answer, when it gave one. */
type Outcome = { ok: true } | { ok: false; reason: string; refused: boolean; status?: number };

export class WebhookDelivery {
  private readonly outbox: WebhookOutbox;
  private readonly options: WebhookDeliveryOptions;
  private readonly now: () => number;
  private draining: Promise<void> | null = null;
  private wokenWhileDraining = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: AbortController | null = null;
  private closed = false;
  /** Since a connection was refused, until the receiver answers anything: the one log line is written. */
  private waitingForReceiver = false;

  constructor(outbox: WebhookOutbox, options: WebhookDeliveryOptions) {
    this.outbox = outbox;
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Sends whatever is due now (soon after the current attempt, if one is running). */
  wake(): void {
    if (this.closed) return;
    if (this.draining) {
      this.wokenWhileDraining = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.wokenWhileDraining) {
        this.wokenWhileDraining = false;
        this.wake();
      }
    });
  }

  /** Stops sending; an attempt in flight is abandoned and stays in the outbox for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.inFlight?.abort();
    await this.draining;
  }

  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    for (let round = 0; round < MAX_ATTEMPTS_PER_DRAIN && !this.closed; round++) {
      this.wokenWhileDraining = false;
      const message = this.outbox.nextDue(this.now());
      if (!message) break;
      const outcome = await this.attempt(message);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may run during the await; TypeScript keeps the loop condition's narrowing
      if (this.closed) return;
      if (!outcome.ok && outcome.refused) {
        this.recordRefusal(message);
        continue;
      }
      this.receiverAnswered();
      if (outcome.ok) this.outbox.remove(message.id);
      else this.recordFailure(message, outcome.reason, outcome.status);
    }
    if (!this.closed) this.scheduleNextWake();
  }

  private scheduleNextWake(): void {
    const at = this.outbox.nextAttemptAt();
    if (at === null) return;
    // unref: a pending retry never keeps a process (or a test run) alive by itself.
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - this.now())).unref();
  }

  private async attempt(message: OutboxMessage): Promise<Outcome> {
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.options.attemptTimeoutMs);
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Svix-Webhooks (local Clerk emulator)',
          ...svixHeaders(this.options.secret, message.id, message.body, Math.floor(this.now() / 1000)),
        },
        body: message.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      // Only the status matters; the body is not waited for.
      void response.body?.cancel().catch(() => undefined);
      return response.ok ? { ok: true } : { ok: false, reason: `answered ${response.status}`, refused: false, status: response.status };
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, reason: `no answer within ${this.options.attemptTimeoutMs} ms`, refused: false };
      const reason = networkReason(error);
      return { ok: false, reason, refused: reason === 'ECONNREFUSED' };
    } finally {
      clearTimeout(timeout);
      this.inFlight = null;
    }
  }

  private recordRefusal(message: OutboxMessage): void {
    if (!this.waitingForReceiver) {
      this.waitingForReceiver = true;
      this.options.logger?.info({ url: safeUrl(this.options.url) }, `waiting for the webhook receiver at ${safeUrl(this.options.url)}`);
    }
    const soon = (this.options.refusedRetryDelaysMs ?? DEFAULT_REFUSED_RETRY_DELAYS_MS)[message.refusals];
    if (soon === undefined) this.recordFailure(message, 'ECONNREFUSED');
    else this.outbox.reschedule(message.id, { attempts: message.attempts, refusals: message.refusals + 1, nextAttemptAt: this.now() + soon });
  }

  private receiverAnswered(): void {
    if (!this.waitingForReceiver) return;
    this.waitingForReceiver = false;
    this.options.logger?.debug({ url: safeUrl(this.options.url) }, 'the webhook receiver answers');
  }

  /**
   * One log line per failure: which message, which attempt, why; none while
   * waiting for a receiver that refuses connections (logged once). Never the payload or the secret.
   */
  private recordFailure(message: OutboxMessage, reason: string, status?: number): void {
    const attempts = message.attempts + 1;
    // A 4xx is the receiver refusing this event for good (408 and 429 only ask to wait): retried on its schedule
    // all the same, as Svix does, but it no longer holds back its object's later events for that long.
    const released = message.released || (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429);
    const delay = this.options.retryDelaysMs[attempts - 1];
    const fields = { webhookId: message.id, type: message.type, attempt: attempts, reason, url: safeUrl(this.options.url) };
    if (delay === undefined) {
      this.outbox.remove(message.id);
      this.options.logger?.warn(fields, `webhook ${message.type} not delivered after ${attempts} attempts (${reason}); dropped`);
      return;
    }
    this.outbox.reschedule(message.id, { attempts, nextAttemptAt: this.now() + delay, released });
    if (this.waitingForReceiver) return;
    this.options.logger?.warn({ ...fields, retryInMs: delay }, `webhook ${message.type} delivery failed (${reason}); retrying in ${delay} ms`);
  }
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : 'request failed');
}

/** Origin and path only: a query string might carry a token. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
