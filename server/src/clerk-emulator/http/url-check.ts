import type { RequestHandler } from 'express';
import { EmulatorError } from './errors.ts';

/**
 * A path or query with broken percent-encoding (`%E0%A4%A`, `%zz`) is the
 * caller's mistake: 400 in Clerk's error shape, before any router tries to
 * decode it (Express's own decoding would throw a URIError, a 500 here).
 */
export const rejectMalformedUrl: RequestHandler = (req, _res, next) => {
  const at = req.originalUrl.indexOf('?');
  const path = at < 0 ? req.originalUrl : req.originalUrl.slice(0, at);
  const query = at < 0 ? '' : req.originalUrl.slice(at + 1);
  const parts = [path, ...query.split('&').flatMap((pair) => pair.replaceAll('+', ' ').split('='))];
  if (!parts.every(decodes)) throw malformedRequest();
  next();
};

export function malformedRequest(): EmulatorError {
  return new EmulatorError(400, 'malformed_request', 'The request URL is not validly percent-encoded.');
}

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}
