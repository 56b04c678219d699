import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { posts } from './schema.ts';
import { openDatabase } from './database.ts';
import { migrateDatabase } from './migrate.ts';
import { PgliteLockedError } from './pglite-lock.ts';
import { OPEN_TIMEOUT_MS } from '../testing/test-database.ts';

const root = mkdtempSync(join(tmpdir(), 'pglite-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openDatabase: PGlite in a folder', { timeout: OPEN_TIMEOUT_MS }, () => {
  it('creates missing parent folders, keeps the data across a reopen, and holds the folder while open', async () => {
    const dataDir = join(root, 'nested', 'db');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await migrateDatabase(first);
    await first.db.insert(posts).values({ authorId: 'user_a', title: 'Kept' });
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(PgliteLockedError);
    await first.close();
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect((await second.db.select({ title: posts.title }).from(posts)).map((row) => row.title)).toEqual(['Kept']);
    } finally {
      await second.close();
    }
  });
});
