import { rmSync, writeFileSync } from 'node:fs';
import { readTextIfExists } from '../common/files.ts';

/**
 * PGlite has no lock of its own: two processes opening one data folder (the
 * API under `npm run dev` and `npm run db:migrate`, say) would both write it
 * and corrupt it. A lock file beside the folder, holding the owner's pid, lets
 * the second one refuse with a clear message instead. A lock left behind by a
 * process that died is taken over.
 */
export class PgliteLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The PGlite folder ${dataDir} is in use by process ${pid}, and PGlite allows one process per folder: stop that process, or set PGLITE_DATA_DIR to another folder (or DATABASE_URL to use a PostgreSQL server).`,
    );
    this.name = 'PgliteLockedError';
  }
}

/** Folders this process holds: a lock file naming our own pid is ours only if listed here (containers reuse pids). */
const held = new Set<string>();

export function lockPath(dataDir: string): string {
  return `${dataDir}.lock`;
}

/** Takes the lock of `dataDir` (an absolute path) or throws PgliteLockedError; returns its release. */
export function lockPgliteDir(dataDir: string): () => void {
  if (held.has(dataDir)) throw new PgliteLockedError(dataDir, process.pid);
  const path = lockPath(dataDir);
  const owner = ownerOf(path);
  if (owner !== null && owner !== process.pid && isAlive(owner)) throw new PgliteLockedError(dataDir, owner);
  // A stale lock goes. Two processes taking over one stale lock in the same
  // instant could both win: acceptable for a development database. Otherwise
  // `wx` fails when another process created the file since we looked: it won.
  if (owner !== null) rmSync(path, { force: true });
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new PgliteLockedError(dataDir, ownerOf(path) ?? 0);
  }
  held.add(dataDir);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(dataDir);
    rmSync(path, { force: true });
  };
}

function ownerOf(path: string): number | null {
  const text = readTextIfExists(path);
  if (text === null) return null;
  const pid = Number(text.trim());
  // An unreadable lock file names no live process: treat it as stale.
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
