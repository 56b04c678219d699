import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { PostSchema } from '#shared/posts';
import { idempotencyKeys, posts } from '../db/schema.ts';
import { SPA_ORIGIN } from '../testing/auth-fixtures.ts';
import { bearer, send, type Reply } from '../testing/http.ts';
import { PERSONAS, personaToken, withoutOrganization, type Persona } from '../testing/personas.ts';
import { usePostsApp } from '../testing/posts-app.ts';

/**
 * POST /api/posts with an Idempotency-Key: a retry (after a timeout, a 503, a
 * dropped connection) gets the first answer instead of writing a second post.
 * Each test uses keys of its own: keys outlive the posts the app clears.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;

function create(body: object, key: string | string[] | undefined, persona: Persona = PERSONAS.author): Promise<Reply> {
  const headers = { ...bearer(personaToken(auth, persona)), ...(key === undefined ? {} : { 'Idempotency-Key': key }) };
  return send(postsApp.app.baseUrl, '/api/posts', { method: 'POST', headers, body });
}

async function postCount(): Promise<number> {
  const [row] = await postsApp.database.db.select({ total: count() }).from(posts);
  return row?.total ?? -1;
}

describe('POST /api/posts with an Idempotency-Key', () => {
  it('answers a retry with the original 201, Location and post, and writes no second post', async () => {
    const key = randomUUID();
    const first = await create({ title: 'Launch day', body: 'At noon' }, key);
    const retry = await create({ title: 'Launch day', body: 'At noon' }, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(PostSchema.strict().parse(first.json));
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await postCount()).toBe(1);
  });

  it('treats the same post, as validated, as the same request (the title is trimmed, the body defaults)', async () => {
    const key = randomUUID();
    const first = await create({ title: 'Launch day', body: '' }, key);
    const retry = await create({ title: '  Launch day ' }, key);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(await postCount()).toBe(1);
  });

  it.each<[string, object, Persona]>([
    ['a different title', { title: 'Launch week', body: 'At noon' }, PERSONAS.author],
    ['a different body', { title: 'Launch day', body: 'At one' }, PERSONAS.author],
    [
      'another active organization (the post would be filed elsewhere)',
      { title: 'Launch day', body: 'At noon' },
      withoutOrganization(PERSONAS.author),
    ],
  ])('answers 422 idempotency_key_reused to the same key with %s, and writes nothing', async (_name, body, persona) => {
    const key = randomUUID();
    expect((await create({ title: 'Launch day', body: 'At noon' }, key)).status).toBe(201);
    const reused = await create(body, key, persona);
    expect(reused.status).toBe(422);
    expect(ApiErrorBodySchema.parse(reused.json).error).toMatchObject({
      code: 'idempotency_key_reused',
      message: expect.stringContaining('Idempotency-Key'),
    });
    expect(await postCount()).toBe(1);
  });

  it('creates exactly one post for concurrent requests with the same key, and answers each with it', async () => {
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 8 }, () => create({ title: 'Launch day' }, key)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(201));
    const ids = new Set(replies.map((reply) => PostSchema.parse(reply.json).id));
    expect(ids.size).toBe(1);
    expect(await postCount()).toBe(1);
  });

  it('answers a retry after the post was deleted with 404 post_deleted, writes nothing, and keeps no copy of the post', async () => {
    const key = randomUUID();
    const first = PostSchema.parse((await create({ title: 'Launch day', body: 'At noon' }, key)).json);
    const deleted = await send(postsApp.app.baseUrl, `/api/posts/${first.id}`, {
      method: 'DELETE',
      headers: bearer(personaToken(auth, PERSONAS.moderator)),
    });
    expect(deleted.status).toBe(204);

    const retry = await create({ title: 'Launch day', body: 'At noon' }, key);
    expect(retry.status).toBe(404);
    expect(ApiErrorBodySchema.parse(retry.json).error).toMatchObject({ code: 'post_deleted', message: expect.stringContaining('deleted') });
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await postCount()).toBe(0);
    const [stored] = await postsApp.database.db
      .select({ response: idempotencyKeys.response })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(JSON.stringify(stored?.response)).not.toContain('Launch day');
  });

  it("keeps keys per user: another user's equal key writes their own post", async () => {
    const key = randomUUID();
    const mine = await create({ title: 'Launch day' }, key, PERSONAS.author);
    const theirs = await create({ title: 'Launch day' }, key, PERSONAS.orgMember);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(PostSchema.parse(theirs.json)).toMatchObject({ authorId: PERSONAS.orgMember.user });
    expect(PostSchema.parse(theirs.json).id).not.toBe(PostSchema.parse(mine.json).id);
    expect(await postCount()).toBe(2);
  });

  it('does not spend a key on a refused request: the corrected retry with the same key writes the post', async () => {
    const key = randomUUID();
    expect((await create({ title: '' }, key)).status).toBe(400);
    expect((await create({ title: 'Fixed' }, key)).status).toBe(201);
    expect(await postCount()).toBe(1);
  });

  it('forgets a key after 24 hours, and purges expired keys when writing', async () => {
    const key = randomUUID();
    const first = await create({ title: 'Launch day' }, key);
    const stale = { userId: PERSONAS.orgMember.user, key: randomUUID(), fingerprint: 'x', response: {} };
    await postsApp.database.db.insert(idempotencyKeys).values(stale);
    await postsApp.database.db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '24 hours 1 minute'` });

    const again = await create({ title: 'Launch day' }, key);
    expect(again.status).toBe(201);
    expect(PostSchema.parse(again.json).id).not.toBe(PostSchema.parse(first.json).id);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    const left = await postsApp.database.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.key, stale.key));
    expect(left).toEqual([]);
  });

  it.each<[string, string | string[]]>([
    ['an empty key', ''],
    ['a key of 256 characters', 'k'.repeat(256)],
    ['a space', 'two words'],
    ['a character outside ASCII', 'clé'],
    ['a quote and a semicolon', "k';drop"],
    ['the header twice', [randomUUID(), randomUUID()]],
  ])('answers 400 naming the Idempotency-Key header for %s, and writes nothing', async (_name, key) => {
    const reply = await create({ title: 'Launch day' }, key);
    expect(reply.status).toBe(400);
    const { error } = ApiErrorBodySchema.parse(reply.json);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {})).toEqual(['Idempotency-Key']);
    expect(await postCount()).toBe(0);
  });

  it('accepts a key of 255 characters', async () => {
    expect((await create({ title: 'Launch day' }, 'k'.repeat(255))).status).toBe(201);
  });

  it('lets the SPA send the header across origins (CORS preflight)', async () => {
    const reply = await send(postsApp.app.baseUrl, '/api/posts', {
      method: 'OPTIONS',
      headers: {
        Origin: SPA_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(reply.status).toBe(204);
    expect(String(reply.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)).toContain('idempotency-key');
  });

  it('lets the SPA read Idempotent-Replayed on a cross-origin retry (Access-Control-Expose-Headers)', async () => {
    const key = randomUUID();
    const headers = { ...bearer(personaToken(auth, PERSONAS.author)), 'Idempotency-Key': key, Origin: SPA_ORIGIN };
    await send(postsApp.app.baseUrl, '/api/posts', { method: 'POST', headers, body: { title: 'Launch day' } });
    const retry = await send(postsApp.app.baseUrl, '/api/posts', { method: 'POST', headers, body: { title: 'Launch day' } });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(String(retry.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/)).toContain('idempotent-replayed');
  });
});
