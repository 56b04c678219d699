import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * What an id looks like (a UUID, a trace id, `spa.req_42`): short, and only
 * characters that cannot forge a log line, a header value or a JSON string,
 * nor carry a token of any useful length. Anything else gets a generated id.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id, echoed in `X-Request-Id` and in error bodies, and
 * used by the logs. A caller's own id is kept when it is sane, so a trace can
 * follow one action from the SPA (or a proxy) through the API.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}
