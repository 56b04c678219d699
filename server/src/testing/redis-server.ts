import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { refusedUrl } from './listen.ts';

export interface RedisServerProcess {
  /** redis://127.0.0.1:<port>; nothing answers there until `start()`. */
  url: string;
  start(): Promise<void>;
  /** Kills this process only (by its pid) and waits for it to exit. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

/**
 * A private, throwaway redis-server on a free loopback port, for tests that
 * take Redis away and bring it back. The shared Redis is never touched.
 * Nothing is persisted: a restart starts empty, as a replaced Redis would.
 */
export async function redisServerOnFreePort(): Promise<RedisServerProcess> {
  const port = Number(new URL(await refusedUrl()).port);
  let child: ChildProcess | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await untilAccepting(port);
    },
    stop: async () => {
      const running = child;
      child = null;
      if (running?.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}

async function untilAccepting(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
