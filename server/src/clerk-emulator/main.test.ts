import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { makeTempDataDir } from '../testing/test-emulator.ts';
import { readStore } from './store/store.ts';
import { loadOrCreateWebhookSigningSecret } from '../common/local-keys.ts';
import { startWebhookTestReceiver } from '../testing/webhook-test-receiver.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function runMain(env: Record<string, string>, cwd?: string) {
  // tsx resolved here: a test may run the server from a folder with no node_modules.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN], {
    // Webhooks off: the default URL is port 3001, where someone else's API may be listening.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', CLERK_EMULATOR_WEBHOOK_URL: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd === undefined ? {} : { cwd }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, exited };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('the emulator process', () => {
  it('refuses to start in production, with a clear line and exit code 1', async () => {
    const { exited } = runMain({ NODE_ENV: 'production' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/NODE_ENV: is "production".*never runs in production/);
  });

  it('prints one line per bad variable and exits 1', async () => {
    const { exited } = runMain({ CLERK_EMULATOR_URL: 'https://example.com', CLERK_AUTHORIZED_PARTIES: 'nope' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^clerk emulator: CLERK_EMULATOR_URL: /),
      expect.stringMatching(/^clerk emulator: CLERK_AUTHORIZED_PARTIES: /),
    ]);
  });

  it('serves on loopback and stops cleanly on SIGTERM', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const url = `http://127.0.0.1:${await freePort()}`;
    const { child, exited } = runMain({ CLERK_EMULATOR_URL: url, CLERK_EMULATOR_DATA_DIR: temp.dataDir });
    cleanups.push(() => child.kill('SIGKILL'));
    await waitForHealth(url);
    expect(await (await fetch(`${url}/.well-known/jwks.json`)).json()).toMatchObject({ keys: [{ kty: 'RSA' }] });
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('writes the last changes to its store on SIGTERM, though they were made just before', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const url = `http://127.0.0.1:${await freePort()}`;
    const { child, exited } = runMain({ CLERK_EMULATOR_URL: url, CLERK_EMULATOR_DATA_DIR: temp.dataDir });
    cleanups.push(() => child.kill('SIGKILL'));
    await waitForHealth(url);
    const before = readStore(temp.dataDir)!.data.clients.length;
    // Each makes a client; the writes coalesce, so the last ones are still pending when the signal comes.
    for (let n = 0; n < 5; n++) expect((await fetch(`${url}${LOCAL_CLERK_PROXY_PATH}/v1/dev_browser`, { method: 'POST' })).status).toBe(200);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    expect(readStore(temp.dataDir)!.data.clients).toHaveLength(before + 5);
  });

  it("announces its first start's seed to CLERK_EMULATOR_WEBHOOK_URL, signed with the data folder's secret", async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    // The secret the API would read from the same folder.
    const receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
    cleanups.push(() => void receiver.close());
    const url = `http://127.0.0.1:${await freePort()}`;
    const { child, exited } = runMain({ CLERK_EMULATOR_URL: url, CLERK_EMULATOR_DATA_DIR: temp.dataDir, CLERK_EMULATOR_WEBHOOK_URL: receiver.url });
    cleanups.push(() => child.kill('SIGKILL'));
    const received = await receiver.waitForAccepted(12, 20_000);
    expect(received.filter((r) => r.event.type === 'user.created')).toHaveLength(5);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 30_000);

  it('reads .env from its working directory, as the API does, with the environment winning', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const fromFile = `http://127.0.0.1:${await freePort()}`;
    // A relative data folder resolves against the working directory, as the API's does.
    writeFileSync(join(temp.dataDir, '.env'), `CLERK_EMULATOR_URL=${fromFile}\nCLERK_EMULATOR_DATA_DIR=emulator\nLOG_LEVEL=debug\n`);
    const { child, exited } = runMain({}, temp.dataDir);
    cleanups.push(() => child.kill('SIGKILL'));
    await waitForHealth(fromFile);
    child.kill('SIGTERM');
    // LOG_LEVEL came from runMain's environment (silent), not from the file.
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(existsSync(join(temp.dataDir, 'emulator'))).toBe(true);
  });

  it('with Clerk keys set (clerk mode), says it is not needed and exits 0 without listening', async () => {
    const temp = makeTempDataDir();
    cleanups.push(temp.remove);
    const url = `http://127.0.0.1:${await freePort()}`;
    writeFileSync(join(temp.dataDir, '.env'), `CLERK_SECRET_KEY=sk_test_fromdotenv\nCLERK_EMULATOR_URL=${url}\n`);
    const { code, stdout, stderr } = await runMain({}, temp.dataDir).exited;
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('clerk emulator: CLERK_SECRET_KEY is set, so the API uses Clerk and no Clerk emulator is started');
    expect(stdout + stderr).not.toContain('sk_test_fromdotenv');
    expect(
      await fetch(`${url}/health`).then(
        () => 'listening',
        () => 'not listening',
      ),
    ).toBe('not listening');
  });
});
