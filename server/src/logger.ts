import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './common/env-parsing.ts';

/**
 * The process logger (JSON lines on stdout). Credentials are redacted at the
 * source, whichever log line would carry them.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      // Proxy-Authorization is a credential header too: a client behind a misconfigured proxy sends its token there.
      paths: ['req.headers.authorization', 'req.headers["proxy-authorization"]', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
