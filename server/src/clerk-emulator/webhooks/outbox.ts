import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomically } from '../../common/files.ts';

/**
 * The webhooks not yet delivered, persisted in the data folder (rewritten
 * atomically after every change) so a restart of the emulator delivers them.
 * Messages of one object (its `orderKey`) go out in the order they were made:
 * only the oldest of each key may be attempted, except that a message the
 * receiver refused (`released`) no longer holds back the ones after it.
 */
const OutboxMessageSchema = z.object({
  id: z.string(),
  orderKey: z.string(),
  type: z.string(),
  /** The exact JSON sent: every attempt signs and sends the same bytes. */
  body: z.string(),
  /** Attempts made so far. */
  attempts: z.number().int().min(0),
  /** Refused connections retried soon, not counted as attempts (see delivery.ts); absent in older files. */
  refusals: z.number().int().min(0).default(0),
  nextAttemptAt: z.number().int(),
  /**
   * The receiver answered a 4xx: it read the event and will not take it, so the
   * object's later messages go without waiting for this one's retries (Svix keeps
   * no order at all; the API orders copies by `updated_at`). Absent in older files.
   */
  released: z.boolean().default(false),
});
const OutboxFileSchema = z.object({ version: z.literal(1), messages: z.array(OutboxMessageSchema) });

export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
export type NewOutboxMessage = Pick<OutboxMessage, 'id' | 'orderKey' | 'type' | 'body'>;

export const OUTBOX_FILE = 'webhook-outbox.json';

export class WebhookOutbox {
  private readonly path: string;
  private messages: OutboxMessage[];

  private constructor(path: string, messages: OutboxMessage[]) {
    this.path = path;
    this.messages = messages;
  }

  /** A file that does not parse is an error, never a reason to drop what was queued. */
  static open(dataDir: string): WebhookOutbox {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, OUTBOX_FILE);
    const text = readTextIfExists(path);
    if (text === null) return new WebhookOutbox(path, []);
    const parsed = OutboxFileSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new Error(`The webhook outbox ${path} is not valid; delete it to drop the undelivered webhooks.`);
    return new WebhookOutbox(path, parsed.data.messages);
  }

  get size(): number {
    return this.messages.length;
  }

  append(messages: readonly NewOutboxMessage[], now: number): void {
    if (messages.length === 0) return;
    this.messages.push(...messages.map((message) => ({ ...message, attempts: 0, refusals: 0, nextAttemptAt: now, released: false })));
    this.persist();
  }

  /** The oldest message that heads its object's queue and is due. */
  nextDue(now: number): OutboxMessage | undefined {
    return this.heads().find((message) => message.nextAttemptAt <= now);
  }

  /** When the next head becomes due; null when the outbox is empty. */
  nextAttemptAt(): number | null {
    const times = this.heads().map((message) => message.nextAttemptAt);
    return times.length === 0 ? null : Math.min(...times);
  }

  remove(id: string): void {
    this.messages = this.messages.filter((message) => message.id !== id);
    this.persist();
  }

  reschedule(id: string, next: Pick<OutboxMessage, 'attempts' | 'nextAttemptAt'> & Partial<Pick<OutboxMessage, 'refusals' | 'released'>>): void {
    const message = this.messages.find((candidate) => candidate.id === id);
    if (!message) return;
    Object.assign(message, next);
    this.persist();
  }

  /** The messages that may be attempted, in outbox order: each object's oldest, and any released one before it. */
  private heads(): OutboxMessage[] {
    const heldBack = new Set<string>();
    const heads: OutboxMessage[] = [];
    for (const message of this.messages) {
      if (heldBack.has(message.orderKey)) continue;
      heads.push(message);
      if (!message.released) heldBack.add(message.orderKey);
    }
    return heads;
  }

  private persist(): void {
    // It holds user data (private metadata included, as Clerk's payloads do): owner-only, like store.json.
    writeFileAtomically(this.path, JSON.stringify({ version: 1, messages: this.messages }), { mode: 0o600 });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
