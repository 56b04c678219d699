import { z } from 'zod';

/**
 * GET /api/posts cursors: a position in the newest-first list (the last post
 * of a page). The API writes and reads them; the SPA's mock API does too, so
 * it pages, and refuses a cursor, as the API does. Opaque to the SPA (base64url
 * of JSON), so the encoding can change without breaking it. A cursor carries
 * no secret and grants nothing: every page is filtered by the caller's rules again.
 */
export interface PostCursor {
  createdAt: Date;
  id: string;
}

const CursorPayloadSchema = z.tuple([z.iso.datetime(), z.guid()]);

export function encodeCursor(cursor: PostCursor): string {
  return base64UrlOfAscii(JSON.stringify([cursor.createdAt.toISOString(), cursor.id]));
}

/** The cursor, or null when `text` is not one this API wrote. */
export function decodeCursor(text: string): PostCursor | null {
  const json = asciiOfBase64Url(text);
  if (json === null) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = CursorPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const [createdAt, id] = parsed.data;
  const cursor = { createdAt: new Date(createdAt), id: id.toLowerCase() };
  // Only what encodeCursor writes: `2025-02-31` (which Date rolls over) or a year
  // PostgreSQL cannot store (`0000`) would otherwise reach the query and fail there.
  const canonical = encodeCursor(cursor) === text && cursor.createdAt.getUTCFullYear() >= EARLIEST_YEAR;
  return canonical ? cursor : null;
}

/** No post predates the code that writes them. */
const EARLIEST_YEAR = 2000;

// base64url by hand: shared/ runs in Node and in browsers, and neither Buffer nor btoa is in both. A cursor is
// JSON of an ISO date and a UUID, ASCII only; anything else fails the payload schema or the canonical check.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlOfAscii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)].map((code) => (Number.isNaN(code) ? 0 : code));
    const bits = (a << 16) | (b << 8) | c;
    const chars = [18, 12, 6, 0].map((shift) => ALPHABET.charAt((bits >> shift) & 63));
    out += chars.slice(0, Math.min(4, text.length - i + 1)).join('');
  }
  return out;
}

function asciiOfBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null;
  let out = '';
  for (let i = 0; i < text.length; i += 4) {
    const group = text.slice(i, i + 4);
    let bits = 0;
    for (let j = 0; j < 4; j++) bits = (bits << 6) | ALPHABET.indexOf(group.charAt(j) || 'A');
    out += String.fromCharCode((bits >> 16) & 255, (bits >> 8) & 255, bits & 255).slice(0, group.length - 1);
  }
  return out;
}
