import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrations-folder.ts';

const repoRoot = new URL('../../../', import.meta.url).pathname;
const expected = join(repoRoot, 'server', 'drizzle');

describe('migrationsFolder', () => {
  it('finds server/drizzle from the sources and from the esbuild bundle in dist/server', () => {
    expect(migrationsFolder()).toBe(expected);
    expect(migrationsFolder(pathToFileURL(join(repoRoot, 'dist', 'server', 'main.js')).href)).toBe(expected);
    expect(existsSync(join(expected, 'meta', '_journal.json'))).toBe(true);
  });

  it('says what it looked for when no package.json is above the code', () => {
    expect(() => migrationsFolder('file:///nowhere/app/main.js')).toThrow('No package.json above /nowhere/app/main.js: cannot find server/drizzle');
  });
});
