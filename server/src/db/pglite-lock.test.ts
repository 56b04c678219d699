import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockPath, lockPgliteDir, PgliteLockedError } from './pglite-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'pglite-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const newDir = () => join(root, `db${++count}`);

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockPgliteDir', () => {
  it('writes our pid beside the folder, refuses a second lock while held, and frees it on release', () => {
    const dir = newDir();
    const release = lockPgliteDir(dir);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(String(process.pid));
    expect(() => lockPgliteDir(dir)).toThrow(PgliteLockedError);
    release();
    expect(existsSync(lockPath(dir))).toBe(false);
    lockPgliteDir(dir)();
  });

  it('refuses a folder another live process holds, naming it and the way out', () => {
    const dir = newDir();
    writeFileSync(lockPath(dir), String(process.ppid));
    expect(() => lockPgliteDir(dir)).toThrow(
      `The PGlite folder ${dir} is in use by process ${process.ppid}, and PGlite allows one process per folder: stop that process, or set PGLITE_DATA_DIR to another folder (or DATABASE_URL to use a PostgreSQL server).`,
    );
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(String(process.ppid));
  });

  it.each([
    ['a process that died', () => String(deadPid())],
    ['our own pid from an earlier life (a restarted container)', () => String(process.pid)],
    ['garbage', () => 'not a pid'],
  ])('takes over a lock left by %s', (_name, content) => {
    const dir = newDir();
    writeFileSync(lockPath(dir), content());
    const release = lockPgliteDir(dir);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(String(process.pid));
    release();
  });
});
