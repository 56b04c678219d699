import { inArray, lt, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/database.ts';
import { webhookEvents } from '../db/schema.ts';
import { applyEvent, type ClerkEvent, type EventOutcome } from './clerk-events.ts';

/** Deliveries are remembered this long: Svix retries for about 28 hours. */
const RETENTION = sql`interval '7 days'`;
/** At most this many expired deliveries are forgotten per delivery, so the purge never slows one down. */
const PURGE_BATCH = 100;

export type DeliveryOutcome = EventOutcome | 'duplicate';

/**
 * Applies one verified delivery at most once: its `svix-id` is recorded in
 * the same transaction as its change, so either both are stored or neither
 * (a failure leaves nothing, and Svix's retry applies it). A redelivery finds
 * the id and changes nothing; two concurrent ones serialize on its primary
 * key, and the second sees the first's id once it commits.
 */
export async function receiveDelivery(db: AppDatabase, svixId: string, event: ClerkEvent): Promise<DeliveryOutcome> {
  return db.transaction(async (tx) => {
    const recorded = await tx
      .insert(webhookEvents)
      .values({ svixId, type: event.type })
      .onConflictDoNothing()
      .returning({ svixId: webhookEvents.svixId });
    if (recorded.length === 0) return 'duplicate';
    const outcome = await applyEvent(tx, event);
    await purgeExpired(tx);
    return outcome;
  });
}

async function purgeExpired(tx: AppDatabase): Promise<void> {
  const expired = tx
    .select({ svixId: webhookEvents.svixId })
    .from(webhookEvents)
    .where(lt(webhookEvents.receivedAt, sql`now() - ${RETENTION}`))
    .orderBy(webhookEvents.receivedAt)
    .limit(PURGE_BATCH)
    .for('update', { skipLocked: true });
  await tx.delete(webhookEvents).where(inArray(webhookEvents.svixId, expired));
}
