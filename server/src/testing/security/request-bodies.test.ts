import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '#shared/posts';
import type { PostRow } from '../../db/schema.ts';
import { JSON_BODY_LIMIT_KB } from '../../middleware/json-body.ts';
import { bearer, send } from '../http.ts';
import { PERSONAS, personaToken } from '../personas.ts';
import { usePostsApp } from '../posts-app.ts';
import { expectError } from './expectations.ts';
import { createPostThroughApi, postsSnapshot } from './post-fixture.ts';

/**
 * Bodies that are not what a JSON endpoint expects, from the author of the
 * post under test (so only the body can be at fault): each gets its own 4xx
 * in the JSON error shape, and no post is created or changed.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
let post: Post;
let before: PostRow[];
beforeEach(async () => {
  post = await createPostThroughApi(postsApp.app.baseUrl, bearer(personaToken(auth, PERSONAS.author)));
  before = await postsSnapshot(postsApp.database);
});

const JSON_TYPE = { 'Content-Type': 'application/json' };
const overLimit = JSON.stringify({ title: 'Big', body: 'x'.repeat(JSON_BODY_LIMIT_KB * 1024) });
/** About 1 KB on the wire, 2 MB once inflated: the limit must apply to what is inflated. */
const gzipBomb = gzipSync(Buffer.from(`{"title":"Bomb","body":"${' '.repeat(2 * 1024 * 1024)}"}`));
const deeplyNested = `{"title":${'['.repeat(45_000)}${']'.repeat(45_000)}}`;

type BodyCase = [name: string, status: number, code: string, headers: Record<string, string>, body: string | Buffer | undefined];

const bodies: BodyCase[] = [
  ['malformed JSON', 400, 'bad_request', JSON_TYPE, '{"title": "Unfinished",'],
  ['JSON with a trailing comma', 400, 'bad_request', JSON_TYPE, '{"title": "Comma",}'],
  ['a JSON null', 400, 'bad_request', JSON_TYPE, 'null'],
  ['a JSON array', 400, 'validation_failed', JSON_TYPE, '[{"title": "In an array"}]'],
  ['an empty body', 400, 'bad_request', JSON_TYPE, undefined],
  [`JSON over the ${JSON_BODY_LIMIT_KB} kB limit`, 413, 'payload_too_large', JSON_TYPE, overLimit],
  ['a gzip bomb that inflates past the limit', 413, 'payload_too_large', { ...JSON_TYPE, 'Content-Encoding': 'gzip' }, gzipBomb],
  ['an unknown content encoding', 415, 'bad_request', { ...JSON_TYPE, 'Content-Encoding': 'x-custom' }, '{"title": "Encoded"}'],
  ['JSON in a charset the parser does not know', 415, 'bad_request', { 'Content-Type': 'application/json; charset=x-unknown' }, '{"title": "Odd"}'],
  ['JSON sent as text/plain', 415, 'bad_request', { 'Content-Type': 'text/plain' }, '{"title": "Plain"}'],
  ['a form post', 415, 'bad_request', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'title=Form'],
  [
    'multipart form data',
    415,
    'bad_request',
    { 'Content-Type': 'multipart/form-data; boundary=x' },
    '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nMulti\r\n--x--\r\n',
  ],
  ['JSON with no content type', 415, 'bad_request', {}, '{"title": "Untyped"}'],
  ['JSON nested 45 000 levels deep', 400, 'validation_failed', JSON_TYPE, deeplyNested],
  ['a NUL character in the title', 400, 'validation_failed', JSON_TYPE, '{"title": "Nul\\u0000"}'],
];

describe.each([
  ['POST /api/posts', 'POST', () => '/api/posts'],
  ['PATCH /api/posts/:id', 'PATCH', () => `/api/posts/${post.id}`],
])('%s', (_endpoint, method, path) => {
  it.each(bodies)('%s: %i %s, creating and changing nothing', async (_name, status, code, headers, body) => {
    const reply = await send(postsApp.app.baseUrl, path(), {
      method,
      headers: { ...bearer(personaToken(auth, PERSONAS.author)), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    expectError(reply, status, code);
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});
