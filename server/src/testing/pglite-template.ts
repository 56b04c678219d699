import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { writeFileAtomically } from '../common/files.ts';

/**
 * For tests: an empty PGlite cluster as a tarball. A new PGlite runs initdb,
 * about 4 s of CPU; loading a tarball takes about 0.5 s. The tarball depends
 * only on the PGlite version, so it is built once and kept, per version, under
 * node_modules/.tmp (beside TypeScript's build info). Migrations are not in it:
 * each test database still runs them.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const path = templatePath();
  try {
    return new Blob([readFileSync(path)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const client = await PGlite.create();
  const dump = await client.dumpDataDir('none');
  await client.close();
  // Test files start in parallel and may all build it: each writes a file of its own, renamed into place whole.
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomically(path, new Uint8Array(await dump.arrayBuffer()));
  return dump;
}

function templatePath(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(dirname(require.resolve('@electric-sql/pglite')));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return join(dirname(dirname(packageDir)), '.tmp', `pglite-template-${version}.tar`);
}
