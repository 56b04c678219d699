import type { Logger } from 'pino';
import { emptyStoreData } from '../store/store-data.ts';
import type { EmulatorStore, StoreData } from '../store/store.ts';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_RETRY_DELAYS_MS, WebhookDelivery } from './delivery.ts';
import type { EmulatorEvent } from './events.ts';
import { WebhookOutbox, type NewOutboxMessage } from './outbox.ts';
import { currentRequestAttributes } from './request-attributes.ts';
import { newMessageId } from './signing.ts';
import { eventsForChange } from './store-changes.ts';

/**
 * The emulator's webhooks, wired: every store change becomes events in the
 * durable outbox, and the delivery sends them to `url`, signed with `secret`.
 */
export interface WebhookSenderOptions {
  dataDir: string;
  url: string;
  secret: string;
  /** The emulator's URL, the base of avatar URLs in the payloads. */
  issuer: string;
  /** `instance_id` of every event. */
  instanceId: string;
  retryDelaysMs?: readonly number[];
  refusedRetryDelaysMs?: readonly number[];
  attemptTimeoutMs?: number;
  logger?: Logger;
  now?: () => number;
}

export interface WebhookSender {
  outbox: WebhookOutbox;
  /**
   * Announces what the store already holds as created (users, organizations,
   * memberships): for the first start's seed, which is written before anyone
   * observes the store, so a receiver that syncs from webhooks knows the seeded accounts too.
   */
  announceExisting(): void;
  /** Stops observing and sending; what is undelivered stays in the outbox for the next start. */
  close(): Promise<void>;
}

export function startWebhookSender(store: EmulatorStore, options: WebhookSenderOptions): WebhookSender {
  const now = options.now ?? Date.now;
  const outbox = WebhookOutbox.open(options.dataDir);
  const delivery = new WebhookDelivery(outbox, {
    url: options.url,
    secret: options.secret,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    attemptTimeoutMs: options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    ...(options.refusedRetryDelaysMs ? { refusedRetryDelaysMs: options.refusedRetryDelaysMs } : {}),
    now,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const record = (before: StoreData, after: StoreData) => {
    const timestamp = now();
    const meta = { instanceId: options.instanceId, timestamp, httpRequest: currentRequestAttributes() };
    try {
      outbox.append(eventsForChange(before, after, { issuer: options.issuer, meta }).map(outboxMessage), timestamp);
    } catch (error) {
      // The change itself must still be kept: webhooks are a copy of it, never a reason to refuse it.
      options.logger?.error({ reason: error instanceof Error ? error.message : String(error) }, 'webhooks for a change could not be recorded');
      return;
    }
    // On the next turn: the store persists the change first.
    setImmediate(() => delivery.wake());
  };
  const stopObserving = store.observe(record);
  // Whatever the last run left undelivered.
  delivery.wake();
  return {
    outbox,
    announceExisting: () => record(emptyStoreData(), store.data),
    close: async () => {
      stopObserving();
      await delivery.close();
    },
  };
}

function outboxMessage(event: EmulatorEvent): NewOutboxMessage {
  // Ordered per object: the user, organization or membership the event is about.
  return { id: newMessageId(), orderKey: event.data.id ?? event.type, type: event.type, body: JSON.stringify(event) };
}
