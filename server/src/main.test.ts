import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { lockPath } from './db/pglite-lock.ts';
import { OPEN_TIMEOUT_MS } from './testing/test-database.ts';
import { loadOrCreateKeys } from './common/local-keys.ts';
import { mintSessionToken } from './clerk-emulator/tokens/session-token.ts';
import { bearer, send } from './testing/http.ts';

const repoRoot = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'api-main-'));
const pgliteDir = join(dataDir, 'pglite');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// A new PGlite folder costs seconds of initdb: made here, the API's start-up stays well inside the waits below.
beforeAll(async () => {
  const database = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
  await migrateDatabase(database);
  await database.close();
}, OPEN_TIMEOUT_MS);

/** Local mode, whatever a developer's `.env` says: explicit empty values win over the file. */
const localEnv = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  PORT: '0',
  CLERK_SECRET_KEY: '',
  CLERK_PUBLISHABLE_KEY: '',
  CLERK_JWT_KEY: '',
  CLERK_API_URL: '',
  CLERK_AUTHORIZED_PARTIES: 'http://localhost:5173',
  CLERK_EMULATOR_URL: 'http://127.0.0.1:3100',
  CLERK_EMULATOR_DATA_DIR: dataDir,
  DATABASE_URL: '',
  PGLITE_DATA_DIR: pgliteDir,
  // No emulator runs for these tests: the demo posts would only cost a failed look-up and a warning.
  LOCAL_SEED_POSTS: 'false',
};

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runMain(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: repoRoot, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function listeningPort(running: Running): Promise<number> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const match = /"port":(\d+)/.exec(running.stdout());
    if (match) return Number(match[1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  running.child.kill('SIGKILL');
  throw new Error(`the API did not start:\n${running.stdout()}\n${running.stderr()}`);
}

describe('main', () => {
  it('prints one line per configuration problem and exits 1', async () => {
    const running = runMain({ ...localEnv, PORT: 'x', CLERK_SECRET_KEY: 'sk_test_only' });
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toContain('Invalid API configuration:\n  - PORT: must be a port number (0-65535)\n  - CLERK_PUBLISHABLE_KEY: required');
    expect(running.stderr()).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('serves, then on SIGTERM stops accepting, finishes the request in flight and exits 0', async () => {
    const running = runMain(localEnv);
    const port = await listeningPort(running);
    const baseUrl = `http://127.0.0.1:${port}`;
    expect((await send(baseUrl, '/api/health')).json).toEqual({ status: 'ok' });

    const body = JSON.stringify({ name: 'Grace' });
    const inFlight = request(`${baseUrl}/api/greet`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
    });
    const answered = new Promise<number>((resolve, reject) => {
      inFlight.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      inFlight.on('error', reject);
    });
    inFlight.write(body.slice(0, 4));
    await new Promise((resolve) => setTimeout(resolve, 200));

    running.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(send(baseUrl, '/api/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    inFlight.end(body.slice(4));

    expect(await answered).toBe(401);
    const answeredAt = Date.now();
    expect(await running.exited).toBe(0);
    // Well before the 5 s keep-alive timeout that would otherwise hold the connection open.
    expect(Date.now() - answeredAt).toBeLessThan(2500);
    expect(running.stdout()).toContain('"msg":"shutting down"');
  });

  it(
    'drops no request on SIGTERM under keep-alive load: in-flight ones finish, and every connection closes by saying so',
    async () => {
      const running = runMain({ ...localEnv, RATE_LIMIT_MAX: '100000' });
      const baseUrl = `http://127.0.0.1:${await listeningPort(running)}`;
      const load = keepAliveLoad(baseUrl, 10);
      // Every worker's connection accepted and answered once: a connection still in the listen backlog is reset by any close.
      await load.warm;
      await new Promise((resolve) => setTimeout(resolve, 300));
      running.child.kill('SIGTERM');
      const result = await load.done;
      console.info(
        `SIGTERM under load: ${result.answered} requests answered by 10 keep-alive workers, ${result.failures.length} failed`,
        result.failures,
      );
      expect(await running.exited).toBe(0);
      expect(result.failures).toEqual([]);
      expect(result.answered).toBeGreaterThan(10);
      // Each worker's keep-alive connection was closed by an answer that said `Connection: close`.
      expect(result.closedByServer).toBe(10);
    },
    OPEN_TIMEOUT_MS,
  );

  it(
    'keeps posts in its PGlite folder across a restart, and frees the folder when it stops',
    async () => {
      const keys = loadOrCreateKeys(dataDir);
      const claims = {
        userId: 'user_main',
        sessionId: 'sess_main',
        azp: 'http://localhost:5173',
        issuer: localEnv.CLERK_EMULATOR_URL,
        publicMetadata: {},
      };
      const headers = bearer(mintSessionToken(claims, keys));

      const first = runMain(localEnv);
      const firstUrl = `http://127.0.0.1:${await listeningPort(first)}`;
      const created = await send(firstUrl, '/api/posts', { method: 'POST', headers, body: { title: 'Survives a restart' } });
      expect(created.status).toBe(201);
      expect(existsSync(lockPath(pgliteDir))).toBe(true);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(existsSync(lockPath(pgliteDir))).toBe(false);

      const second = runMain(localEnv);
      const secondUrl = `http://127.0.0.1:${await listeningPort(second)}`;
      const read = await send(secondUrl, created.headers.location as string, { headers });
      second.child.kill('SIGTERM');
      expect(read.status).toBe(200);
      expect(read.json).toMatchObject({ title: 'Survives a restart' });
      expect(await second.exited).toBe(0);
    },
    OPEN_TIMEOUT_MS,
  );

  it(
    'refuses to start, exit 1 with one clear line, when its PGlite folder is in use',
    async () => {
      const holder = runMain(localEnv);
      await listeningPort(holder);
      try {
        const second = runMain(localEnv);
        expect(await second.exited).toBe(1);
        expect(second.stdout()).toContain(
          `could not open and migrate the database: The PGlite folder ${pgliteDir} is in use by process ${holder.child.pid}`,
        );
      } finally {
        holder.child.kill('SIGTERM');
        await holder.exited;
      }
    },
    OPEN_TIMEOUT_MS,
  );
});

interface LoadResult {
  answered: number;
  /** Answers that carried `Connection: close`. */
  closedByServer: number;
  /** Requests sent on a connection that then failed without an answer. */
  failures: string[];
}

/**
 * `workers` clients, each with one keep-alive connection, sending requests back
 * to back until the server stops accepting. A client opens a new connection
 * only after the server said `Connection: close`; a refused new connection
 * means the request was never sent, and ends that worker. Bounded: 15 s at most.
 */
function keepAliveLoad(baseUrl: string, workers: number): { warm: Promise<void>; done: Promise<LoadResult> } {
  const result: LoadResult = { answered: 0, closedByServer: 0, failures: [] };
  const deadline = Date.now() + 15_000;
  let warmWorkers = 0;
  let warmed = () => {};
  const warm = new Promise<void>((resolve) => (warmed = resolve));
  const worker = async () => {
    let first = true;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (Date.now() < deadline) {
        const outcome = await new Promise<'answered' | 'refused'>((resolve, reject) => {
          const req = request(`${baseUrl}/api/health`, { agent }, (res) => {
            res.resume();
            res.on('end', () => {
              result.answered += 1;
              if (res.headers.connection === 'close') result.closedByServer += 1;
              resolve('answered');
            });
          });
          req.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'ECONNREFUSED' && !req.reusedSocket) resolve('refused');
            else reject(error);
          });
          req.end();
        }).catch((error: unknown) => {
          const { code, message } = error as NodeJS.ErrnoException;
          result.failures.push(code ?? message);
          return 'refused' as const;
        });
        if (first && (warmWorkers += 1) === workers) warmed();
        first = false;
        if (outcome === 'refused') return;
      }
    } finally {
      agent.destroy();
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => {
    warmed();
    return result;
  });
  return { warm, done };
}
