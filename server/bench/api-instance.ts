import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClerkOptions } from '../src/auth/clerk-options.ts';

export interface ApiInstance {
  baseUrl: string;
  /** The child's memory after a full garbage collection. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** CPU time (user + system) the child has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): void;
}

export interface ApiInstanceOptions {
  clerk: ClerkOptions;
  tokenCache: boolean;
  withDatabase?: boolean;
}

/** An API instance (bench-server.ts) in a process of its own, so load and server do not share an event loop. */
export async function startApiInstance(options: ApiInstanceOptions): Promise<ApiInstance> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./bench-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { baseUrl: string }) => resolve(message.baseUrl));
    child.once('exit', (code) => reject(new Error(`the API instance exited with ${code}`)));
    child.send(options);
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { type?: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  return {
    baseUrl,
    memory: () => ask<NodeJS.MemoryUsage>('memory'),
    cpuMicros: async () => {
      const usage = await ask<NodeJS.CpuUsage>('cpu');
      return usage.user + usage.system;
    },
    stop: () => child.disconnect(),
  };
}
