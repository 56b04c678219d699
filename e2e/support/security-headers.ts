/**
 * The security headers we recommend for the SPA on a CDN (README: "Deploying
 * the SPA"), served by the static server the end-to-end tests use so the app
 * is tested under them.
 *
 * `connect-src` names the API and the identity origin the bundle talks to. With
 * real Clerk, add your Frontend API host (and `https://*.clerk.accounts.dev` in
 * development) to `script-src`, `connect-src`, `img-src` and `frame-src`, and
 * `worker-src 'self' blob:`, as Clerk's CSP guide lists.
 */
export interface SecurityHeaderOrigins {
  apiOrigin: string;
  identityOrigin?: string;
}

export function contentSecurityPolicy({ apiOrigin, identityOrigin }: SecurityHeaderOrigins): string {
  const identity = identityOrigin ? [identityOrigin] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // Clerk's components inject style elements at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'https://img.clerk.com', ...identity],
    'font-src': ["'self'"],
    'connect-src': ["'self'", apiOrigin, ...identity],
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
