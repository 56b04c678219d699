import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { checkAnswer, type SpecViolation } from './clerk-spec-check.ts';

/**
 * For tests: wraps the emulator's request handler so that every JSON answer it
 * gives, whoever asked (a FapiBrowser, Clerk's Backend API SDK, a bare fetch), is
 * checked against Clerk's spec: under the proxy path by the Frontend API spec,
 * under `/v1` by the Backend API spec. Answers are kept and checked when the
 * test server closes, failing its test (test-emulator.ts): compiling a schema
 * inside a request would stall the event loop the emulator's timers share.
 */
export function specCheckedHandler(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const answers: (() => SpecViolation | null)[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // Now: Express rewrites req.url under a mounted router.
    const url = new URL(req.url ?? '/', 'http://emulator');
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((...args: unknown[]) => {
      keep(args[0]);
      return write(...args);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') keep(args[0]);
      return end(...args);
    }) as typeof res.end;
    res.on('finish', () => {
      const body = Buffer.concat(chunks);
      const { statusCode } = res;
      const contentType = String(res.getHeader('content-type') ?? '');
      answers.push(() => checkEmulatorAnswer(req.method ?? 'GET', url, statusCode, contentType, body));
    });
    handler(req, res);
  };
  /** Checks the answers given so far (once each). */
  const violations = (): SpecViolation[] => answers.splice(0).flatMap((check) => check() ?? []);
  return { handle, violations };
}

/**
 * One JSON answer of the emulator (`url` as the browser or the SDK asked it), checked against Clerk's spec, and
 * for private metadata on the way to a browser. The end-to-end suite checks what Chromium receives with it.
 */
export function checkEmulatorAnswer(requestMethod: string, url: URL, status: number, contentType: string, body: Buffer): SpecViolation | null {
  if (!contentType.includes('application/json')) return null;
  const json: unknown = body.length ? JSON.parse(body.toString('utf8')) : null;
  if (url.pathname.startsWith(`${LOCAL_CLERK_PROXY_PATH}/v1/`)) {
    // clerk-js sends PATCH and DELETE as `POST ?_method=…`.
    const method = url.searchParams.get('_method') ?? requestMethod;
    const violation = checkAnswer('fapi', method, url.pathname.slice(LOCAL_CLERK_PROXY_PATH.length), status, json);
    const leaks = privateMetadataPaths(json);
    if (!leaks.length) return violation;
    // The one thing the spec cannot say, and what matters most: a browser never sees private metadata.
    const where = violation?.where ?? `fapi ${method} ${url.pathname} ${status}`;
    return { where, problems: [...(violation?.problems ?? []), ...leaks.map((path) => `${path}: private_metadata sent to a browser`)] };
  }
  // Avatars are the emulator's own images, not part of the Backend API.
  if (url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/v1/avatars/'))
    return checkAnswer('bapi', requestMethod, url.pathname.slice('/v1'.length), status, json, {
      paginated: url.searchParams.get('paginated') === 'true',
    });
  return null;
}

function privateMetadataPaths(value: unknown, path = ''): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'private_metadata' ? [`${path}/${key}`] : privateMetadataPaths(inner, `${path}/${key}`),
  );
}
