import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The emulator's logging: one short line per request, and no dev-browser id
 * anywhere. The id (`__clerk_db_jwt`) is the browser's whole credential in a
 * development instance: whoever reads it from a log is signed in as that browser.
 */

/** The field a request line keeps its details under; `npm run dev`'s pino-pretty hides it, leaving the message. */
export const REQUEST_LOG_FIELD = 'request';

// The name (Clerk also suffixes the cookie's: `__clerk_db_jwt_Ab12`), then `=`, `%3D` or a JSON `":"`, then the value.
const DEV_BROWSER_VALUE = /(__clerk_db_jwt(?:_[\w-]+)?(?:=|%3D|\\?"\s*:\s*\\?"))[^&"\\\s#;,]+/gi;

/** Every `__clerk_db_jwt` value in `text` (a query parameter, a cookie, a JSON field) replaced by `[redacted]`. */
export function redactDevBrowserIds(text: string): string {
  return text.replace(DEV_BROWSER_VALUE, '$1[redacted]');
}

export function createEmulatorLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    name: 'clerk-emulator',
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    // The last step before a line is written, so no field or message can carry a dev-browser id out.
    hooks: { streamWrite: redactDevBrowserIds },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Scripts are fetched by the dozen per page load; their successes would drown the API calls. */
function isQuiet(path: string, status: number): boolean {
  return status < 400 && (path === '/health' || path.includes('/npm/'));
}

/**
 * `GET /__clerk/v1/client 200 3ms`: method, path (never the query string, where
 * clerk-js puts the dev-browser id), status and duration, on one line.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = req.path;
    res.on('finish', () => {
      if (isQuiet(path, res.statusCode)) return;
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      const fields = { [REQUEST_LOG_FIELD]: { method: req.method, path, status: res.statusCode, ms } };
      const message = `${req.method} ${path} ${res.statusCode} ${ms}ms`;
      if (res.statusCode >= 500) logger.error(fields, message);
      else logger.info(fields, message);
    });
    next();
  };
}
