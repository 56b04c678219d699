import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** Listens (again, on the same port) and forwards every connection to the target. */
  open(): Promise<void>;
  /** Drops every connection and stops listening: new connections are refused. */
  cut(): Promise<void>;
  /**
   * Keeps every socket open and accepts new ones, but forwards no byte either
   * way (they are discarded): what a network that silently drops packets looks like.
   */
  blackhole(): void;
  /** Forwards again; what was discarded stays lost. */
  restore(): void;
  port(): number;
}

/** A loopback TCP proxy a test starts in front of a real server, to take the network away in the ways it fails. */
export function tcpProxy(target: { host: string; port: number }): TcpProxy {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  let blackholed = false;

  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (!blackholed) to.write(chunk);
    });
  };
  const track = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  return {
    open: () =>
      new Promise<void>((resolve, reject) => {
        server = createServer(track);
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          port = (server!.address() as { port: number }).port;
          resolve();
        });
      }),
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server?.listening) return resolve();
        server.close(() => resolve());
      }),
    blackhole: () => {
      blackholed = true;
    },
    restore: () => {
      blackholed = false;
    },
    port: () => port,
  };
}
