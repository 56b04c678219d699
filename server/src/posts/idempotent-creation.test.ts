import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { idempotencyKeys, posts } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase } from '../testing/test-database.ts';
import { PERSONAS, personaActor } from '../testing/personas.ts';
import { createOnce, fingerprintOf } from './idempotent-creation.ts';
import { insertPost } from './posts-repository.ts';

/** The key and what it created are one transaction: both or neither. */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
}, OPEN_TIMEOUT_MS);
afterAll(() => database.close());

const author = personaActor(PERSONAS.author);
const request = { userId: author.userId, key: 'key-1', fingerprint: fingerprintOf(['org', 'Title', '']) };

async function rows(table: typeof posts | typeof idempotencyKeys): Promise<number> {
  const [row] = await database.db.select({ total: count() }).from(table);
  return row?.total ?? -1;
}

describe('createOnce', () => {
  it('records no key when the creation fails after writing, so the retry creates', async () => {
    const failing = createOnce(database.db, request, async (tx) => {
      await insertPost(tx, author, { title: 'Title', body: '' });
      throw new Error('the connection dropped');
    });
    await expect(failing).rejects.toThrow('the connection dropped');
    expect([await rows(posts), await rows(idempotencyKeys)]).toEqual([0, 0]);

    const retried = await createOnce(database.db, request, async (tx) => (await insertPost(tx, author, { title: 'Title', body: '' })).id);
    expect(retried.kind).toBe('created');
    expect([await rows(posts), await rows(idempotencyKeys)]).toEqual([1, 1]);
  });

  it('replays the recorded answer without calling create again, and refuses another fingerprint', async () => {
    const replay = await createOnce(database.db, request, () => Promise.reject(new Error('must not be called')));
    expect(replay).toEqual({ kind: 'replayed', value: expect.any(String) });
    expect(await createOnce(database.db, { ...request, fingerprint: 'other' }, () => Promise.reject(new Error('must not be called')))).toEqual({
      kind: 'reused',
    });
    expect(await rows(posts)).toBe(1);
  });
});

describe('fingerprintOf', () => {
  it('tells apart parts that would join to the same text', () => {
    expect(fingerprintOf(['ab', 'c'])).not.toBe(fingerprintOf(['a', 'bc']));
    expect(fingerprintOf([null, 'x'])).not.toBe(fingerprintOf(['null', 'x']));
  });
});
