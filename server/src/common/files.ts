import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/** A file's text, or null when it does not exist; any other failure (permissions, a folder) throws. */
export function readTextIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes a file whole or not at all: into a temporary file of its own beside
 * it, then renamed into place, so a crash or a concurrent writer never leaves
 * a half-written file for a reader to find.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, data, options);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** writeFileAtomically without blocking the event loop: the same temporary file and rename. */
export async function writeFileAtomicallyAsync(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, options);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
