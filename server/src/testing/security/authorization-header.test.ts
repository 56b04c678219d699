import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '#shared/posts';
import { bearer, send, type Reply } from '../http.ts';
import { PERSONAS, personaToken } from '../personas.ts';
import { usePostsApp } from '../posts-app.ts';
import { expectUnauthenticated } from './expectations.ts';
import { createPostThroughApi, postsSnapshot } from './post-fixture.ts';
import { sendRawPath } from './raw-request.ts';

/**
 * Malformed and ambiguous Authorization headers, each aimed at deleting the
 * author's post: none may sign anyone in, and the post must survive unchanged.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
let post: Post;
beforeEach(async () => {
  post = await createPostThroughApi(postsApp.app.baseUrl, bearer(personaToken(auth, PERSONAS.author)));
});

const authorToken = () => personaToken(auth, PERSONAS.author);

async function deleteWith(authorization: string | undefined): Promise<Reply> {
  const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
  return send(postsApp.app.baseUrl, `/api/posts/${post.id}`, { method: 'DELETE', headers });
}

async function expectPostUnchanged(): Promise<void> {
  const [row, ...others] = await postsSnapshot(postsApp.database);
  expect(others).toEqual([]);
  expect(row).toMatchObject({ id: post.id, title: post.title, body: post.body, authorId: post.authorId });
  expect(row?.updatedAt.toISOString()).toBe(post.updatedAt);
}

describe('the Authorization header, on DELETE of an existing post', () => {
  it("control: the author's own Bearer token deletes the post", async () => {
    expect((await deleteWith(`Bearer ${authorToken()}`)).status).toBe(204);
    expect(await postsSnapshot(postsApp.database)).toEqual([]);
  });

  it('missing: 401 with a bare challenge, post unchanged', async () => {
    expectUnauthenticated(await deleteWith(undefined), 'bare');
    await expectPostUnchanged();
  });

  it('empty: 401 with a bare challenge, post unchanged', async () => {
    expectUnauthenticated(await deleteWith(''), 'bare');
    await expectPostUnchanged();
  });

  it('Basic credentials: 401, post unchanged', async () => {
    const basic = Buffer.from(`${PERSONAS.author.user}:${auth.keys.secretKey}`).toString('base64');
    expectUnauthenticated(await deleteWith(`Basic ${basic}`), 'bare');
    await expectPostUnchanged();
  });

  it("the author's valid token under the scheme `Token`: 401, post unchanged", async () => {
    expectUnauthenticated(await deleteWith(`Token ${authorToken()}`), 'bare');
    await expectPostUnchanged();
  });

  it('`bearer` with no token: 401, post unchanged', async () => {
    expectUnauthenticated(await deleteWith('bearer'), 'bare');
    await expectPostUnchanged();
  });

  it("the author's valid token with no scheme at all: 401, post unchanged", async () => {
    expectUnauthenticated(await deleteWith(authorToken()), 'bare');
    await expectPostUnchanged();
  });

  it('two tokens in one header (the first valid): 401 invalid_token, post unchanged', async () => {
    expectUnauthenticated(await deleteWith(`Bearer ${authorToken()} ${authorToken()}`), 'invalid_token');
    await expectPostUnchanged();
  });

  it('two Authorization headers (the first valid): 401 invalid_token, post unchanged', async () => {
    // Node keeps only the first of repeated Authorization headers; the API combines them and refuses.
    const reply = await sendRawPath(postsApp.app.baseUrl, `/api/posts/${post.id}`, {
      method: 'DELETE',
      headers: { Authorization: [`Bearer ${authorToken()}`, 'Bearer second'] },
    });
    expectUnauthenticated(reply, 'invalid_token');
    await expectPostUnchanged();
  });

  it('an 8 KB garbage token (under the header limit): 401 invalid_token, post unchanged', async () => {
    expectUnauthenticated(await deleteWith(`Bearer ${'x'.repeat(8 * 1024)}`), 'invalid_token');
    await expectPostUnchanged();
  });

  it("a header over Node's 16 KB limit: Node's own 431 before any handler, post unchanged", async () => {
    const reply = await deleteWith(`Bearer ${authorToken()}${'A'.repeat(17 * 1024)}`);
    expect(reply.status).toBe(431);
    // Node answers it itself: no body, so nothing to leak, and no handler ran.
    expect(reply.text).toBe('');
    await expectPostUnchanged();
    expect(postsApp.app.logs.some((line) => (line.res as { statusCode?: number } | undefined)?.statusCode === 431)).toBe(false);
  });
});
