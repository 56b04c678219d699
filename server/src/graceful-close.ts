import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/**
 * After shutdown starts, a keep-alive connection that has carried no request
 * for this long is closed by the server. Until then it may still carry one,
 * which is answered with `Connection: close`.
 */
const IDLE_CLOSE_AFTER_MS = 1_000;

export interface GracefulClose {
  /** Stops accepting; `done` runs once every connection has closed. Call once. */
  close(done: (error?: Error) => void): void;
}

/**
 * Shutdown that drops no request on a keep-alive connection: `Connection: close` on answers, idle connections closed
 * after a second. Register before the first request: answers in flight are tracked from then on.
 * Why not `server.close()`: docs/reliability.md, "Shutdown".
 */
export function gracefulClose(server: Server): GracefulClose {
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (closing) {
      res.setHeader('Connection', 'close');
      return;
    }
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return {
    close(done) {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      // net.Server's close: stop listening and wait for the connections, without http.Server's immediate idle sweep.
      NetServer.prototype.close.call(server, (error?: Error) => {
        clearInterval(sweep);
        done(error);
      });
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_CLOSE_AFTER_MS);
      sweep.unref();
    },
  };
}
