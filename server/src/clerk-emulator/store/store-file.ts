import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomically, writeFileAtomicallyAsync } from '../../common/files.ts';
import { CoalescedWriter } from './coalesced-writer.ts';
import { StoreDataSchema, type StoreData } from './store-data.ts';

/**
 * The store on disk: one JSON file under the data folder. It is rewritten
 * atomically (temp file, then rename), so a crash never leaves half a file and
 * a restart keeps users, organizations and signed-in browsers; the writes are
 * asynchronous and coalesced (at most one every STORE_WRITE_DELAY_MS), and
 * `flush()` on shutdown writes the last changes.
 */
export const STORE_FILE = 'store.json';
export const STORE_WRITE_DELAY_MS = 200;

export interface StoreOptions {
  /** How long changes gather before one write carries them all. */
  writeDelayMs?: number;
  /** A failed background write; the changes stay pending and go with the next write. */
  onWriteError?: (error: unknown) => void;
}

export class StoreFile {
  readonly path: string;
  readonly #dataDir: string;
  readonly #data: StoreData;
  readonly #writer: CoalescedWriter;

  /** `data` is the store's own object, changed in place: each write takes it as it is when the write starts. */
  constructor(dataDir: string, data: StoreData, options: StoreOptions = {}) {
    this.path = join(dataDir, STORE_FILE);
    this.#dataDir = dataDir;
    this.#data = data;
    const onWriteError = options.onWriteError ?? ((error: unknown) => console.error(`clerk emulator: could not write ${this.path}:`, error));
    this.#writer = new CoalescedWriter(() => this.#writeAsync(), options.writeDelayMs ?? STORE_WRITE_DELAY_MS, onWriteError);
  }

  /** After a change: a write follows soon, carrying it and every other change made meanwhile. */
  scheduleWrite(): void {
    this.#writer.schedule();
  }

  /** Writes every change made so far. */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  /** A synchronous write, for a new store's first one; the data folder is made (private to its owner) if missing. */
  writeNow(): void {
    mkdirSync(this.#dataDir, { recursive: true, mode: 0o700 });
    writeFileAtomically(this.path, this.#json(), { mode: 0o600 });
  }

  #writeAsync(): Promise<void> {
    return writeFileAtomicallyAsync(this.path, this.#json(), { mode: 0o600 });
  }

  #json(): string {
    return JSON.stringify(this.#data, null, 2);
  }
}

/**
 * The data in `dataDir`'s store file, or null when there is none yet. A file
 * that exists but does not parse is an error, never a reason to start over:
 * silently reseeding would throw away the developer's users.
 */
export function readStoreFile(dataDir: string): StoreData | null {
  const path = join(dataDir, STORE_FILE);
  const text = readTextIfExists(path);
  if (text === null) return null;
  const parsed = StoreDataSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new Error(`The local emulator store ${path} is not valid (${parsed.error.issues[0]?.message ?? 'unreadable'}); delete it to reseed.`);
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
