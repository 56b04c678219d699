import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockPgliteDir } from './pglite-lock.ts';
import { OPEN_TIMEOUT_MS } from '../testing/test-database.ts';

const repoRoot = new URL('../../../', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'db-migrate-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run db:migrate` with exactly `env` (explicit empty values win over a developer's `.env`). */
function migrateCli(env: Record<string, string>): Promise<Run> {
  const fullEnv = { PATH: process.env.PATH ?? '', DATABASE_URL: '', PGLITE_DATA_DIR: '', NODE_ENV: 'test', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/src/db/migrate-cli.ts'], { cwd: repoRoot, env: fullEnv }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run db:migrate', { timeout: OPEN_TIMEOUT_MS }, () => {
  it('migrates the PGlite folder and exits 0, as often as it is run', async () => {
    const dataDir = join(root, 'db');
    for (let run = 0; run < 2; run++) {
      expect(await migrateCli({ PGLITE_DATA_DIR: dataDir })).toEqual({ code: 0, stdout: `PGlite in ${dataDir} is up to date.\n`, stderr: '' });
    }
  });

  it('refuses a PGlite folder another process holds, exit 1, one line', async () => {
    const dataDir = join(root, 'held');
    const release = lockPgliteDir(dataDir);
    try {
      const run = await migrateCli({ PGLITE_DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `Could not migrate PGlite in ${dataDir}: The PGlite folder ${dataDir} is in use by process ${process.pid}, and PGlite allows one process per folder: stop that process, or set PGLITE_DATA_DIR to another folder (or DATABASE_URL to use a PostgreSQL server).\n`,
      );
    } finally {
      release();
    }
  });

  it('prints the configuration problem and exits 1, needing no Clerk keys', async () => {
    const run = await migrateCli({ NODE_ENV: 'production', CLERK_SECRET_KEY: 'sk_test_only' });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'Invalid API configuration:\n  - DATABASE_URL: required when NODE_ENV is production; the embedded PGlite default is for development only (its data belongs to one process and cannot be shared by several API instances)\n',
    );
  });

  it('says which database it could not reach, without printing the URL', async () => {
    const run = await migrateCli({ DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/app' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Could not migrate PostgreSQL \(DATABASE_URL\): .*ECONNREFUSED/);
    expect(run.stderr).not.toContain('s3cret-pw');
  });
});
