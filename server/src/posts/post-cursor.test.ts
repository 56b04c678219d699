import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#shared/post-cursor';

const cursor = { createdAt: new Date('2026-11-23T10:00:00.123Z'), id: '0195f4c2-6f1e-7cc3-9a55-3f1d1f0a7b11' };
const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('post cursors', () => {
  it('decode to exactly what was encoded', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("are base64url of the JSON, as Node's Buffer writes and reads it (shared/ encodes by hand, for browsers too)", () => {
    for (let i = 0; i < 200; i++) {
      const sample = { createdAt: new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 4e12)), id: randomUUID() };
      const text = encodeCursor(sample);
      expect(text).toBe(encode([sample.createdAt.toISOString(), sample.id]));
      expect(decodeCursor(encode([sample.createdAt.toISOString(), sample.id]))).toEqual(sample);
    }
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['the wrong shape', encode({ createdAt: '2026-11-23T10:00:00.123Z' })],
    ['an id that is no UUID', encode(['2026-11-23T10:00:00.123Z', 'abc'])],
    ['a date that does not exist (Date would roll it over)', encode(['2026-02-31T10:00:00.000Z', cursor.id])],
    ['more precision than a post has', encode(['2026-11-23T10:00:00.123456Z', cursor.id])],
    ['a year PostgreSQL cannot store', encode(['0000-01-01T00:00:00.000Z', cursor.id])],
    ['an upper-case id this server never writes', encode([cursor.createdAt.toISOString(), cursor.id.toUpperCase()])],
  ])('refuse %s', (_name, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
