import { z } from 'zod/mini';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { PostPageSchema, PostSchema, type Post } from '#shared/posts';
import { localOrganization } from '#shared/local-clerk';
import { posts } from '../db/schema.ts';
import { bearer, send, type SendOptions } from '../testing/http.ts';
import { PERSONAS, personaActor, personaToken } from '../testing/personas.ts';
import { usePostsApp } from '../testing/posts-app.ts';
import { startApp, unreachableDatabase } from '../testing/start-app.ts';
import { insertPost } from './posts-repository.ts';

/** The error envelope with no extra keys. */
const strictErrorBody = z.strictObject(ApiErrorBodySchema.shape);

/** The posts endpoints' contract: status codes, validation, pagination, outages. Who-may-what is posts-access.test.ts. */
const postsApp = usePostsApp();
const { auth } = postsApp;

const authorHeaders = () => bearer(personaToken(auth, PERSONAS.author));
const call = (path: string, options: SendOptions = {}) =>
  send(postsApp.app.baseUrl, path, { ...options, headers: { ...authorHeaders(), ...options.headers } });

async function postCount(): Promise<number> {
  const [row] = await postsApp.database.db.select({ total: count() }).from(posts);
  return row?.total ?? -1;
}

describe('POST /api/posts', () => {
  it('answers 201 with the post and its Location, trimming the title and defaulting the body', async () => {
    const reply = await call('/api/posts', { method: 'POST', body: { title: '  Hello  ' } });
    expect(reply.status).toBe(201);
    const post = PostSchema.strict().parse(reply.json);
    expect(reply.headers.location).toBe(`/api/posts/${post.id}`);
    expect(post).toMatchObject({ title: 'Hello', body: '', permissions: { canEdit: true, canDelete: true } });
    expect((await call(`/api/posts/${post.id}`)).json).toEqual(post);
  });

  it('ignores an organizationId, authorId or timestamps in the body: they come from the token and the database', async () => {
    const reply = await call('/api/posts', {
      method: 'POST',
      body: { title: 'Sneaky', organizationId: localOrganization('globex').id, authorId: PERSONAS.admin.user, createdAt: '2001-01-01T00:00:00.000Z' },
    });
    expect(reply.status).toBe(201);
    const post = PostSchema.parse(reply.json);
    expect(post).toMatchObject({ organizationId: localOrganization('acme').id, authorId: PERSONAS.author.user });
    expect(post.createdAt).not.toBe('2001-01-01T00:00:00.000Z');
  });

  it.each<[string, unknown, string]>([
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['a body over 10,000 characters', { title: 'Ok', body: 'x'.repeat(10_001) }, 'body'],
    ['a NUL character in the title', { title: 'a\u0000b' }, 'title'],
    ['a NUL character in the body', { title: 'Ok', body: 'a\u0000b' }, 'body'],
    ['a title that is not a string', { title: 42 }, 'title'],
  ])('answers 400 validation_failed for %s, naming the field, and stores nothing', async (_name, body, field) => {
    const reply = await call('/api/posts', { method: 'POST', body: body as object });
    expect(reply.status).toBe(400);
    const { error } = ApiErrorBodySchema.parse(reply.json);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(await postCount()).toBe(0);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const reply = await call('/api/posts', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'title=Hi' });
    expect(reply.status).toBe(415);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('bad_request');
  });
});

describe('PATCH /api/posts/:id', () => {
  it('leaves updatedAt alone when nothing changes (no "(edited)"), and moves it when something does', async () => {
    const { id } = await insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title: 'Title', body: 'Body' });
    // An hour old, so a bump cannot fall in the same millisecond.
    const [{ updatedAt } = { updatedAt: new Date(0) }] = await postsApp.database.db
      .update(posts)
      .set({ updatedAt: sql`${posts.updatedAt} - interval '1 hour'` })
      .where(eq(posts.id, id))
      .returning({ updatedAt: posts.updatedAt });
    const unchanged = await call(`/api/posts/${id}`, { method: 'PATCH', body: { title: ' Title ', body: 'Body' } });
    expect(unchanged.status).toBe(200);
    expect(PostSchema.parse(unchanged.json).updatedAt).toBe(updatedAt.toISOString());
    const changed = await call(`/api/posts/${id}`, { method: 'PATCH', body: { body: 'New body' } });
    expect(PostSchema.parse(changed.json).updatedAt).not.toBe(updatedAt.toISOString());
  });

  it('changes only the fields sent', async () => {
    const { id } = await insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title: 'Title', body: 'Body' });
    const reply = await call(`/api/posts/${id}`, { method: 'PATCH', body: { body: 'New body' } });
    expect(reply.status).toBe(200);
    expect(PostSchema.parse(reply.json)).toMatchObject({ title: 'Title', body: 'New body' });
  });

  it.each<[string, object]>([
    ['no field at all', {}],
    ['an empty title', { title: '' }],
    ['a body over 10,000 characters', { body: 'x'.repeat(10_001) }],
  ])('answers 400 for %s and changes nothing', async (_name, body) => {
    const { id } = await insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title: 'Title', body: 'Body' });
    const reply = await call(`/api/posts/${id}`, { method: 'PATCH', body });
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('validation_failed');
    expect(PostSchema.parse((await call(`/api/posts/${id}`)).json)).toMatchObject({ title: 'Title', body: 'Body' });
  });
});

describe('ids', () => {
  it.each(['not-a-uuid', '123', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g'])(
    'answers 404 (not 500) for a malformed id %j on every method',
    async (id) => {
      const path = `/api/posts/${encodeURIComponent(id)}`;
      for (const options of [{}, { method: 'PATCH', body: { title: 'x' } }, { method: 'DELETE' }]) {
        const reply = await call(path, options);
        expect(reply.status).toBe(404);
        expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('not_found');
      }
    },
  );

  it('answers 404 for a well-formed id that names no post, and accepts an upper-case id', async () => {
    expect((await call('/api/posts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const { id } = await insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title: 'Title', body: '' });
    expect((await call(`/api/posts/${id.toUpperCase()}`)).status).toBe(200);
  });
});

describe('GET /api/posts: pagination', () => {
  /** Posts written in one transaction share `now()`: only the id orders them. */
  async function sameInstantPosts(total: number): Promise<void> {
    await postsApp.database.db.transaction(async (tx) => {
      for (let index = 0; index < total; index++) {
        await insertPost(tx, personaActor(PERSONAS.author), { title: `Post ${index}`, body: '' });
      }
    });
  }

  async function readAllPages(limit: number): Promise<{ pages: number; posts: Post[] }> {
    const seen: Post[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const reply = await call(`/api/posts${query}`);
      expect(reply.status).toBe(200);
      const page = PostPageSchema.parse(reply.json);
      seen.push(...page.posts);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    return { pages, posts: seen };
  }

  it('walks every post once, newest first, across pages whose posts share a timestamp', async () => {
    await sameInstantPosts(7);
    await sameInstantPosts(4);
    const { pages, posts: listed } = await readAllPages(3);
    expect(pages).toBe(4);
    expect(listed).toHaveLength(11);
    expect(new Set(listed.map((post) => post.id)).size).toBe(11);
    expect(new Set(listed.map((post) => post.createdAt)).size).toBe(2);
    const expectedOrder = [...listed].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    expect(listed.map((post) => post.id)).toEqual(expectedOrder.map((post) => post.id));
  });

  it('answers an exact last page with no next cursor, and defaults to 20 posts', async () => {
    await sameInstantPosts(21);
    expect((await readAllPages(21)).pages).toBe(1);
    const page = PostPageSchema.parse((await call('/api/posts')).json);
    expect(page.posts).toHaveLength(20);
    expect(page.nextCursor).not.toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=ten', 'limit'],
    ['scope=everything', 'scope'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('["2026-02-31T00:00:00.000Z","00000000-0000-4000-8000-000000000000"]').toString('base64url')}`, 'cursor'],
    [`cursor=${'a'.repeat(201)}`, 'cursor'],
  ])('answers 400 validation_failed for %s', async (query, field) => {
    const reply = await call(`/api/posts?${query}`);
    expect(reply.status).toBe(400);
    const { error } = ApiErrorBodySchema.parse(reply.json);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
  });
});

describe('when the postsApp.database is down', () => {
  it('answers 503 database_unavailable with Retry-After on every endpoint, without internals', async () => {
    const offlineDatabase = await unreachableDatabase();
    const offline = await startApp(auth.clerkOptions(), { database: offlineDatabase });
    try {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const [method, path, body] of [
        ['GET', '/api/posts', undefined],
        ['POST', '/api/posts', { title: 'Hi' }],
        ['GET', `/api/posts/${id}`, undefined],
        ['PATCH', `/api/posts/${id}`, { title: 'Hi' }],
        ['DELETE', `/api/posts/${id}`, undefined],
      ] as const) {
        const reply = await send(offline.baseUrl, path, { method, headers: authorHeaders(), ...(body ? { body } : {}) });
        expect(reply.status, `${method} ${path}`).toBe(503);
        expect(reply.headers['retry-after']).toBe('5');
        expect(strictErrorBody.parse(reply.json).error.code).toBe('database_unavailable');
        expect(reply.text).not.toMatch(/ECONNREFUSED|select|insert|stack|\.ts:/i);
      }
    } finally {
      await offline.close();
      await offlineDatabase.close();
    }
  });
});
