import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '#shared/posts';
import type { PostRow } from '../../db/schema.ts';
import { SPA_ORIGIN } from '../auth-fixtures.ts';
import { bearer, send, type Reply } from '../http.ts';
import { PERSONAS, personaToken } from '../personas.ts';
import { usePostsApp } from '../posts-app.ts';
import { expectError, expectNoLeak } from './expectations.ts';
import { createPostThroughApi, postsSnapshot } from './post-fixture.ts';

/**
 * Cross-origin access: only the SPA's exact origin may read answers or send
 * the Authorization header from a browser. A preflight runs no handler, so the
 * post it asks about must stay as it was whatever the answer.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
let post: Post;
let before: PostRow[];
beforeEach(async () => {
  post = await createPostThroughApi(postsApp.app.baseUrl, bearer(personaToken(auth, PERSONAS.author)));
  before = await postsSnapshot(postsApp.database);
});

function preflight(origin: string): Promise<Reply> {
  return send(postsApp.app.baseUrl, `/api/posts/${post.id}`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' },
  });
}

function corsHeaders(reply: Reply): string[] {
  return Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'));
}

const DISALLOWED_ORIGINS = [
  ['another site', 'https://evil.example'],
  ['the opaque origin of a sandboxed frame or file', 'null'],
  ['a look-alike with the SPA origin as a prefix', `${SPA_ORIGIN}.evil.example`],
  ['the SPA host on another port', 'http://localhost:5174'],
  ['the SPA host over another scheme', 'https://localhost:5173'],
  ['the SPA origin with a trailing slash', `${SPA_ORIGIN}/`],
];

describe('a preflight from a disallowed origin', () => {
  it.each(DISALLOWED_ORIGINS)('%s (%s): 403 JSON with no Access-Control-* header, post unchanged', async (_name, origin) => {
    const reply = await preflight(origin);
    expectError(reply, 403, 'forbidden');
    expect(corsHeaders(reply)).toEqual([]);
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});

describe('a preflight from the SPA origin', () => {
  it('is allowed, for the Authorization header, without credentials; post unchanged', async () => {
    const reply = await preflight(SPA_ORIGIN);
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(String(reply.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)).toContain('authorization');
    expect(String(reply.headers['access-control-allow-methods']).split(',')).toContain('DELETE');
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
    expect(reply.headers.vary).toMatch(/Origin/);
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});

describe('a simple GET', () => {
  it.each(DISALLOWED_ORIGINS)('from %s (%s) carries no Access-Control-Allow-Origin', async (_name, origin) => {
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post.id}`, {
      headers: { Origin: origin, ...bearer(personaToken(auth, PERSONAS.author)) },
    });
    // The API answers (CORS is not authorization), but no browser lets the page read it. The cors
    // package adds Access-Control-Expose-Headers to every answer; without an allowed origin it means nothing.
    expect(reply.status).toBe(200);
    expect(corsHeaders(reply).filter((name) => name !== 'access-control-expose-headers')).toEqual([]);
    expectNoLeak(reply.text);
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });

  it('from the SPA origin carries its origin, and never a wildcard', async () => {
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post.id}`, {
      headers: { Origin: SPA_ORIGIN, ...bearer(personaToken(auth, PERSONAS.author)) },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(reply.headers['access-control-expose-headers']).toBe('X-Request-Id,Idempotent-Replayed');
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});
