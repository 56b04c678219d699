import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextIfExists, writeFileAtomically } from './files.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'files-test-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('replaces a file whole, with the mode asked for, and leaves no temporary file beside it', () => {
    const path = join(folder, 'store.json');
    writeFileSync(path, 'old');
    writeFileAtomically(path, '{"users":[]}', { mode: 0o600 });
    expect(readFileSync(path, 'utf8')).toBe('{"users":[]}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['store.json']);
  });

  it('leaves the old file and no temporary file when the new one cannot be put in place', () => {
    const path = join(folder, 'taken');
    // A non-empty folder cannot be replaced by a file: the rename fails after the write succeeded.
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeFileAtomically(path, 'new')).toThrow();
    expect(readdirSync(folder)).toEqual(['taken']);
    expect(readdirSync(path)).toEqual(['inside']);
  });
});

describe('readTextIfExists', () => {
  it('reads a file, answers null for a missing one, and throws for anything else', () => {
    const path = join(folder, 'present.txt');
    writeFileSync(path, 'hello');
    expect(readTextIfExists(path)).toBe('hello');
    expect(readTextIfExists(join(folder, 'missing.txt'))).toBeNull();
    expect(() => readTextIfExists(folder)).toThrow();
  });
});
