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
 * Shutdown that drops no request on a keep-alive connection. Closing an idle
 * connection races with a request the client may be sending on it that very
 * moment (it fails with ECONNRESET, and the client cannot know whether it was
 * processed), which is what Node's `server.close()` does to every idle
 * connection at once. Instead, once closing:
 * - answers in flight, and answers to requests still arriving on open
 *   connections, carry `Connection: close`, and their connection closes right
 *   after them: the client was told, and opens a new one (to another instance);
 * - a connection that carried no request for a second is closed then, as the
 *   keep-alive timeout would close it (a client is expected to handle that).
 * Register before the first request: answers in flight are tracked from then on.
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
