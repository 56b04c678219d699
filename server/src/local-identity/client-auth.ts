import type { Request } from 'express';
import { ERROR_CODES } from '#shared/api-error';
import { IdentityError } from './errors.ts';
import { clientForToken } from './sessions.ts';
import type { IdentityStore, StoredClient } from './store.ts';

/** The browser's client token from `Authorization: Bearer <token>`, or null. */
export function clientTokenOf(req: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{32,})$/.exec(req.get('authorization') ?? '');
  return match ? match[1]! : null;
}

/** The caller's client if its token is known; `GET /v1/client` answers null instead, so it does not use this. */
export function requireCallerClient(store: IdentityStore, req: Request): StoredClient {
  const client = clientForToken(store, clientTokenOf(req));
  if (!client) throw new IdentityError(401, ERROR_CODES.unauthenticated, 'Unknown or missing client token; sign in again.');
  return client;
}
