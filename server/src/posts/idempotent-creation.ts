import { createHash } from 'node:crypto';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/database.ts';
import { idempotencyKeys } from '../db/schema.ts';

/**
 * Creation at most once per `Idempotency-Key`: the key and its answer are recorded in the creating transaction.
 * How concurrent requests with one key resolve: docs/reliability.md, "Idempotent post creation".
 */
export interface IdempotentRequest {
  userId: string;
  key: string;
  /** What the request asks for, in a form where equal means "the same request" (see `fingerprintOf`). */
  fingerprint: string;
}

export type Creation<T> =
  | { kind: 'created'; value: T }
  /** The answer recorded for this key; the caller parses it (it was written by an earlier version, perhaps). */
  | { kind: 'replayed'; value: unknown }
  /** The key was used for a different request. */
  | { kind: 'reused' };

/** Keys are kept at least this long; then a key is forgotten and may be used again. */
export const KEY_LIFETIME = sql`interval '24 hours'`;
/** At most this many expired keys are deleted per creation: the purge never makes one request slow. */
const PURGE_BATCH = 100;

/** A SHA-256 of the parts, unambiguous whatever they contain (JSON keeps them apart). */
export function fingerprintOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export async function createOnce<T>(db: AppDatabase, request: IdempotentRequest, create: (tx: AppDatabase) => Promise<T>): Promise<Creation<T>> {
  const earlier = await recorded(db, request);
  if (earlier) return earlier;
  const created = await db
    .transaction(async (tx) => {
      const value = await create(tx);
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel that only rolls the transaction back; caught just below
      if (!(await record(tx, request, value))) throw KEY_TAKEN;
      await purgeExpired(tx);
      return { kind: 'created' as const, value };
    })
    .catch((error: unknown) => {
      if (error === KEY_TAKEN) return null;
      throw error;
    });
  if (created) return created;
  // A concurrent request recorded the key first, and has committed: answer as it did.
  const winner = await recorded(db, request);
  if (!winner) throw new Error('An idempotency key was taken, then not found');
  return winner;
}

/** Thrown inside the transaction to roll back a creation whose key another request recorded first. */
const KEY_TAKEN = Symbol('idempotency key taken');

async function recorded(db: AppDatabase, request: IdempotentRequest): Promise<Creation<never> | null> {
  const [row] = await db
    .select({ fingerprint: idempotencyKeys.fingerprint, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(and(keyOf(request), gte(idempotencyKeys.createdAt, sql`now() - ${KEY_LIFETIME}`)))
    .limit(1);
  if (!row) return null;
  return row.fingerprint === request.fingerprint ? { kind: 'replayed', value: row.response } : { kind: 'reused' };
}

/**
 * Records the key, or takes over an expired row of the same key (which the
 * purge has not reached yet). False when a live row holds it: on PostgreSQL
 * the insert first waits for a concurrent transaction that wrote that row.
 */
async function record(tx: AppDatabase, request: IdempotentRequest, response: unknown): Promise<boolean> {
  const row = { userId: request.userId, key: request.key, fingerprint: request.fingerprint, response };
  const written = await tx
    .insert(idempotencyKeys)
    .values(row)
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: { fingerprint: sql`excluded.fingerprint`, response: sql`excluded.response`, createdAt: sql`now()` },
      setWhere: lt(idempotencyKeys.createdAt, sql`now() - ${KEY_LIFETIME}`),
    })
    .returning({ key: idempotencyKeys.key });
  return written.length > 0;
}

/** The oldest expired keys, a batch at a time; rows another purge holds are skipped, not waited for. */
async function purgeExpired(tx: AppDatabase): Promise<void> {
  const expired = tx
    .select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - ${KEY_LIFETIME}`))
    .orderBy(idempotencyKeys.createdAt)
    .limit(PURGE_BATCH)
    .for('update', { skipLocked: true });
  await tx.delete(idempotencyKeys).where(inArray(sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key})`, expired));
}

function keyOf(request: IdempotentRequest) {
  return and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, request.key));
}
