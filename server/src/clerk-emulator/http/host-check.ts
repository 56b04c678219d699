import type { RequestHandler } from 'express';
import { EmulatorError } from './errors.ts';

/**
 * DNS rebinding defence: a page on a name its owner points at 127.0.0.1 is,
 * to the browser, same-origin with whatever listens there, so without this it
 * could read and change the emulator's data (rename or delete organizations).
 * Browsers send the name they resolved in `Host`, so only the names the
 * emulator is really reached by are accepted:
 * - its own host as configured (`CLERK_EMULATOR_URL`), and the same port on
 *   `localhost` and `[::1]`: how the API's Backend API calls, the JWKS fetch
 *   and a developer's curl arrive;
 * - each authorized SPA origin's host: Vite's dev proxy and the end-to-end
 *   static server forward `/__clerk` keeping the page's own `Host`
 *   (`changeOrigin: false`), as a real Clerk proxy does.
 */
export function allowedHosts(issuer: string, authorizedParties: readonly string[]): Set<string> {
  const own = new URL(issuer);
  const port = own.port || defaultPort(own.protocol);
  const hosts = ['127.0.0.1', 'localhost', '[::1]', own.hostname].flatMap((name) => hostForms(name, port, own.protocol));
  for (const origin of authorizedParties) {
    if (!URL.canParse(origin)) continue;
    const url = new URL(origin);
    hosts.push(...hostForms(url.hostname, url.port || defaultPort(url.protocol), url.protocol));
  }
  return new Set(hosts.map((host) => host.toLowerCase()));
}

/** `name:port`, and the bare name too when the port is the scheme's default (browsers leave it out of `Host`). */
function hostForms(name: string, port: string, protocol: string): string[] {
  return port === defaultPort(protocol) ? [name, `${name}:${port}`] : [`${name}:${port}`];
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** Answers 403 in Clerk's error shape to a request whose `Host` is not one of `allowed`. */
export function requireKnownHost(allowed: ReadonlySet<string>): RequestHandler {
  return (req, _res, next) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowed.has(host)) {
      throw new EmulatorError(403, 'host_invalid', 'This host is not allowed to reach the Clerk emulator.');
    }
    next();
  };
}
