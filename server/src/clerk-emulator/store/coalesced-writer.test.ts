import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTempDataDir } from '../../testing/test-emulator.ts';
import { CoalescedWriter } from './coalesced-writer.ts';
import { emptyStoreData } from './store-data.ts';
import { STORE_FILE } from './store-file.ts';
import { createStore, readStore } from './store.ts';

afterEach(() => {
  vi.useRealTimers();
});

function countingWriter(delayMs = 200) {
  const writes: number[] = [];
  let value = 0;
  const errors: unknown[] = [];
  const writer = new CoalescedWriter(
    async () => {
      writes.push(value);
      await Promise.resolve();
    },
    delayMs,
    (error) => errors.push(error),
  );
  return { writer, writes, errors, set: (next: number) => (value = next) };
}

describe('CoalescedWriter', () => {
  it('carries a burst of changes in one write, made after the delay', async () => {
    vi.useFakeTimers();
    const { writer, writes, set } = countingWriter();
    for (let n = 1; n <= 100; n++) {
      set(n);
      writer.schedule();
    }
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(writes).toEqual([100]);
  });

  it('writes at most once per delay under steady traffic, the last change always included', async () => {
    vi.useFakeTimers();
    const { writer, writes, set } = countingWriter();
    // A change every 10 ms for two seconds: 200 changes.
    for (let n = 1; n <= 200; n++) {
      set(n);
      writer.schedule();
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes.length).toBeLessThanOrEqual(11);
    expect(writes.at(-1)).toBe(200);
  });

  it('flush writes what is pending at once, and nothing when nothing is', async () => {
    vi.useFakeTimers();
    const { writer, writes, set } = countingWriter();
    set(1);
    writer.schedule();
    await writer.flush();
    expect(writes).toEqual([1]);
    await writer.flush();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([1]);
  });

  it('leaves nothing to write after flush, though a change came while a write was under way', async () => {
    vi.useFakeTimers();
    const started: (() => void)[] = [];
    const writer = new CoalescedWriter(
      () => new Promise<void>((resolve) => started.push(resolve)),
      200,
      () => undefined,
    );
    writer.schedule();
    await vi.advanceTimersByTimeAsync(200);
    expect(started).toHaveLength(1);
    // A change while the first write is on its way, then the shutdown's flush.
    writer.schedule();
    const flushed = writer.flush();
    started[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toHaveLength(2);
    started[1]!();
    await flushed;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toHaveLength(2);
  });

  it('keeps a failed write pending: flush reports the failure, and the next try carries the change', async () => {
    let fail = true;
    const writes: string[] = [];
    const writer = new CoalescedWriter(
      () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve(void writes.push('ok'))),
      5,
      () => undefined,
    );
    writer.schedule();
    await expect(writer.flush()).rejects.toThrow('disk full');
    fail = false;
    await writer.flush();
    expect(writes).toEqual(['ok']);
  });
});

describe("the store's writes", () => {
  it('are complete at every moment: a reader during many writes only ever finds whole JSON', async () => {
    const temp = makeTempDataDir();
    try {
      const store = createStore(temp.dataDir, emptyStoreData(), { writeDelayMs: 1 });
      const path = join(temp.dataDir, STORE_FILE);
      let reads = 0;
      for (let round = 0; round < 30; round++) {
        store.update((data) => {
          data.clients.push(
            ...Array.from({ length: 200 }, (_, n) => ({ id: `client_${round}_${n}`, tokenHash: 'x'.repeat(64), createdAt: 0, updatedAt: 0 })),
          );
        });
        const flushed = store.flush();
        // Read while the write is under way: a file written in place would be found empty or cut short.
        while (reads < (round + 1) * 5) {
          expect(() => JSON.parse(readFileSync(path, 'utf8')) as unknown).not.toThrow();
          reads++;
          await Promise.resolve();
        }
        await flushed;
      }
      expect(readStore(temp.dataDir)!.data.clients).toHaveLength(30 * 200);
    } finally {
      temp.remove();
    }
  });

  it('are not made during a request: a change is on disk only after the delay or a flush', async () => {
    const temp = makeTempDataDir();
    try {
      const store = createStore(temp.dataDir, emptyStoreData(), { writeDelayMs: 60_000 });
      store.update((data) => data.clients.push({ id: 'client_1', tokenHash: 'h', createdAt: 0, updatedAt: 0 }));
      expect(readStore(temp.dataDir)!.data.clients).toEqual([]);
      await store.flush();
      expect(readStore(temp.dataDir)!.data.clients).toHaveLength(1);
    } finally {
      temp.remove();
    }
  });
});
