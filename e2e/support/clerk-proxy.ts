import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { LOCAL_CLERK_PROXY_PATH } from '../../shared/local-clerk.ts';

/**
 * What a CDN rule or an edge function does for a Clerk proxy: requests under
 * `/__clerk` go to the Frontend API (here the local Clerk emulator) with the
 * path, method, headers and body untouched, and the answer comes back as is.
 * The browser sees one origin, so the CSP needs no Clerk host.
 */
export function isClerkProxyPath(url: string | undefined): boolean {
  return url === LOCAL_CLERK_PROXY_PATH || (url ?? '').startsWith(`${LOCAL_CLERK_PROXY_PATH}/`);
}

export function proxyToClerk(req: IncomingMessage, res: ServerResponse, target: string): void {
  const { hostname, port } = new URL(target);
  const upstream = request(
    { hostname, port, path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-host': req.headers.host ?? '' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code: 'proxy_unreachable', message: 'The Clerk Frontend API is unreachable.' }] }));
  });
  req.pipe(upstream);
}
