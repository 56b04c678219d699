import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

/**
 * Clerk's events carry the HTTP request that caused them
 * (`event_attributes.http_request`). Changes happen deep in the store, far
 * from the request, so the request's address and user agent travel with the
 * async context instead of through every function in between.
 */
export interface HttpRequestAttributes {
  client_ip: string;
  user_agent: string;
}

const current = new AsyncLocalStorage<HttpRequestAttributes>();

export function rememberRequestAttributes(): RequestHandler {
  return (req, _res, next) => current.run({ client_ip: req.ip ?? '', user_agent: req.get('user-agent') ?? '' }, next);
}

/** Outside a request (the first start's seed), what Clerk sends for changes of its own: empty strings. */
export function currentRequestAttributes(): HttpRequestAttributes {
  return current.getStore() ?? { client_ip: '', user_agent: '' };
}
