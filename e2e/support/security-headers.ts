/**
 * The security headers we recommend for the SPA on a CDN (README: "Deploying
 * the SPA"), served by the static server the end-to-end tests use so the app
 * is tested under them.
 *
 * `connect-src` names the API. Clerk's scripts, Frontend API and images come
 * through the proxy path on the SPA's own origin ('self'). With real Clerk and
 * no proxy, add your Frontend API host (and `https://*.clerk.accounts.dev` in
 * development) to `script-src`, `connect-src`, `img-src` and `frame-src`, and
 * `https://img.clerk.com` to `img-src`, as Clerk's CSP guide lists.
 */
export interface SecurityHeaderOrigins {
  apiOrigin: string;
}

export function contentSecurityPolicy({ apiOrigin }: SecurityHeaderOrigins): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // Clerk's components inject style elements at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", apiOrigin],
    'worker-src': ["'self'", 'blob:'],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export function securityHeaders(origins: SecurityHeaderOrigins): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origins),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
