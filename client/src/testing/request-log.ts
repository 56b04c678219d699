import { env } from '@/config/env.ts';
import { server } from './mocks/server.ts';

export interface LoggedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  /** The `o.slg` claim of the Bearer token: which organization the request spoke for. */
  orgSlug: string | null;
}

function orgSlugOf(request: Request): string | null {
  const payload = /^Bearer [^.]+\.([^.]+)\./.exec(request.headers.get('Authorization') ?? '')?.[1];
  if (!payload) return null;
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { o?: { slg?: string } };
  return claims.o?.slg ?? null;
}

/**
 * Every request to the app's API from now on, as it reaches the mocks (the
 * handlers still answer). Lets a test say what was asked, how often, and with
 * which organization's token.
 */
export function recordApiRequests() {
  const log: LoggedRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.origin !== new URL(env.apiUrl).origin) return;
    log.push({ method: request.method, path: url.pathname, search: url.searchParams, orgSlug: orgSlugOf(request) });
  });
  return {
    all: log,
    /** Requests with this method, to exactly `path` or to any path it matches. */
    to: (method: string, path: string | RegExp) =>
      log.filter((entry) => entry.method === method && (typeof path === 'string' ? entry.path === path : path.test(entry.path))),
  };
}
