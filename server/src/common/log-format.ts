import { pino, type DestinationStream } from 'pino';

/**
 * How the API and the emulator write their logs: `json` (one object a line, for
 * log collectors; production and tests) or `pretty` (pino-pretty's coloured
 * lines, for a person at a terminal; `npm run dev` sets it).
 */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * Where a logger of `format` writes: undefined means pino's own JSON on stdout.
 * pino-pretty is a devDependency, so it is named only here and loaded by pino's
 * transport worker on demand: a production install without it never reaches it.
 */
export function logDestination(format: LogFormat, options: { hiddenFields?: readonly string[] } = {}): DestinationStream | undefined {
  if (format === 'json') return undefined;
  // `hiddenFields`: details a line's message already says, kept in JSON but not printed under it at a terminal.
  const ignore = ['pid', 'hostname', ...(options.hiddenFields ?? [])].join(',');
  return pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore } });
}
