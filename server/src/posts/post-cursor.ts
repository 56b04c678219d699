import { z } from 'zod';

/** A position in the newest-first list: the last post of a page. */
export interface PostCursor {
  createdAt: Date;
  id: string;
}

const CursorPayloadSchema = z.tuple([z.iso.datetime(), z.guid()]);

/**
 * Opaque to clients (base64url of JSON), so the encoding can change without
 * breaking them. It carries no secret and grants nothing: every page is
 * filtered by the caller's rules again.
 */
export function encodeCursor(cursor: PostCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** The cursor, or null when `text` is not one this server wrote. */
export function decodeCursor(text: string): PostCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
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
