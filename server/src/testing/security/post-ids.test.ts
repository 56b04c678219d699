import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '#shared/posts';
import type { PostRow } from '../../db/schema.ts';
import { bearer, send } from '../http.ts';
import { PERSONAS, personaToken, withoutOrganization, type Persona } from '../personas.ts';
import { usePostsApp } from '../posts-app.ts';
import { expectError } from './expectations.ts';
import { createPostThroughApi, postsSnapshot } from './post-fixture.ts';
import { sendRawPath } from './raw-request.ts';

/**
 * Post ids as an attacker sends them: ids of posts they may not see, and
 * strings that are not ids at all. The first must look exactly like a post that
 * does not exist (404, the row untouched); the second must be refused as the
 * caller's mistake (4xx JSON), never reach the postsApp.database as a cast error (500).
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
let acmePost: Post;
let personalPost: Post;
let before: PostRow[];
beforeEach(async () => {
  acmePost = await createPostThroughApi(postsApp.app.baseUrl, as(PERSONAS.author), { title: 'Acme post', body: 'Acme' });
  personalPost = await createPostThroughApi(postsApp.app.baseUrl, as(withoutOrganization(PERSONAS.author)), { title: 'Personal', body: 'Mine' });
  before = await postsSnapshot(postsApp.database);
});

function as(persona: Persona): Record<string, string> {
  return bearer(personaToken(auth, persona));
}

type Method = 'GET' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'PATCH', 'DELETE'];
const bodyFor = (method: Method) => (method === 'PATCH' ? { body: { title: 'Taken over' } } : {});

describe("another user's and another organization's posts", () => {
  const cases: Array<[method: Method, whose: string, post: () => Post, persona: Persona]> = METHODS.flatMap((method) => [
    [method, "another user's personal post", () => personalPost, PERSONAS.otherUser] as const,
    [method, "another organization's post (a Globex member on an Acme post)", () => acmePost, PERSONAS.otherOrgMember] as const,
    [method, "a member's personal post, by an admin of the author's organization", () => personalPost, PERSONAS.orgAdmin] as const,
  ]);

  it.each(cases)('%s of %s: 404 not_found, row unchanged', async (method, _whose, post, persona) => {
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post().id}`, { method, headers: as(persona), ...bodyFor(method) });
    expectError(reply, 404, 'not_found');
    expect(reply.json).toMatchObject({ error: { message: 'No such post.' } });
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});

describe('ids that are not ids, sent by the author of both posts', () => {
  const strangeIds: Array<[name: string, rawId: () => string, status: number, code: string]> = [
    ['encoded path separators climbing out (..%2F..%2Fadmin)', () => '..%2F..%2Fadmin', 404, 'not_found'],
    ['an encoded slash (a%2Fb)', () => 'a%2Fb', 404, 'not_found'],
    ['encoded dots (%2e%2e)', () => '%2e%2e', 404, 'not_found'],
    ['a real id followed by an encoded traversal', () => `${acmePost.id}%2F..%2F${personalPost.id}`, 404, 'not_found'],
    ['a real id with a NUL byte appended', () => `${acmePost.id}%00`, 404, 'not_found'],
    ['SQL in the id', () => `${acmePost.id}'%20OR%20'1'='1`, 404, 'not_found'],
    ['a non-UTF-8 percent-encoding (%FF%FE)', () => '%FF%FE', 400, 'bad_request'],
    ['a 4 KB id', () => 'a'.repeat(4096), 404, 'not_found'],
  ];
  const cases = METHODS.flatMap((method) => strangeIds.map(([name, id, status, code]) => [method, name, status, code, id] as const));

  it.each(cases)('%s with %s: %i %s JSON, nothing changed', async (method, _name, status, code, rawId) => {
    const reply = await sendRawPath(postsApp.app.baseUrl, `/api/posts/${rawId()}`, {
      method,
      headers: { ...as(PERSONAS.author), 'Content-Type': 'application/json' },
      ...(method === 'PATCH' ? { body: JSON.stringify({ title: 'Taken over' }) } : {}),
    });
    expectError(reply, status, code);
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});
