import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { PostPageSchema, PostSchema } from '#shared/posts';
import { posts } from '../db/schema.ts';
import { bearer, send } from '../testing/http.ts';
import { ORG_IDS, PERSONAS, personaActor, personaToken, withoutOrganization, type Persona } from '../testing/personas.ts';
import { usePostsApp } from '../testing/posts-app.ts';
import { insertPost } from './posts-repository.ts';

/** Who may do what to a post, through the API with real tokens: see testing/personas.ts for the cast. */
const postsApp = usePostsApp();
const { auth } = postsApp;

const orgAdminElsewhere = withoutOrganization(PERSONAS.orgAdmin);
const personalAuthor = withoutOrganization(PERSONAS.author);

function as(persona: Persona) {
  return bearer(personaToken(auth, persona));
}

async function stored(id: string) {
  const [row] = await postsApp.database.db.select().from(posts).where(eq(posts.id, id));
  return row;
}

type Row = [name: string, get: number, patch: number, remove: number, persona: Persona];

const acmePostRows: Row[] = [
  ['the author', 200, 200, 204, PERSONAS.author],
  ['a user in no organization', 404, 404, 404, PERSONAS.otherUser],
  ['an app moderator (an Acme member too)', 200, 403, 204, PERSONAS.moderator],
  ['an app admin (active in Globex)', 200, 403, 204, PERSONAS.admin],
  ['the Acme org admin (org:posts:manage)', 200, 403, 204, PERSONAS.orgAdmin],
  ['the Acme org admin with no organization active', 404, 404, 404, orgAdminElsewhere],
  ['an Acme member without the permission', 200, 403, 403, PERSONAS.orgMember],
  ['a Globex member', 404, 404, 404, PERSONAS.otherOrgMember],
];

const personalPostRows: Row[] = [
  ['the author', 200, 200, 204, PERSONAS.author],
  ['a user in no organization', 404, 404, 404, PERSONAS.otherUser],
  ['an app moderator', 200, 403, 204, PERSONAS.moderator],
  ['an app admin', 200, 403, 204, PERSONAS.admin],
  ["the org admin of the author's organization", 404, 404, 404, PERSONAS.orgAdmin],
  ["a member of the author's organization", 404, 404, 404, PERSONAS.orgMember],
  ['a Globex member', 404, 404, 404, PERSONAS.otherOrgMember],
];

describe.each([
  ['an Acme post', PERSONAS.author, acmePostRows],
  ['a personal post', personalAuthor, personalPostRows],
])('%s, written by the author', (_kind, writer, rows) => {
  it.each(rows)('%s: GET %i, PATCH %i, DELETE %i', async (_name, get, patch, remove, persona) => {
    const post = await insertPost(postsApp.database.db, personaActor(writer), { title: 'Original', body: 'Text' });
    const path = `/api/posts/${post.id}`;

    const read = await send(postsApp.app.baseUrl, path, { headers: as(persona) });
    expect(read.status).toBe(get);
    if (get === 200) {
      // The flags the SPA shows are the rules the API then applies.
      expect(PostSchema.strict().parse(read.json).permissions).toEqual({ canEdit: patch === 200, canDelete: remove === 204 });
    }

    const edit = await send(postsApp.app.baseUrl, path, { method: 'PATCH', headers: as(persona), body: { title: 'Edited' } });
    expect(edit.status).toBe(patch);
    expect((await stored(post.id))?.title).toBe(patch === 200 ? 'Edited' : 'Original');

    const deletion = await send(postsApp.app.baseUrl, path, { method: 'DELETE', headers: as(persona) });
    expect(deletion.status).toBe(remove);
    expect(await stored(post.id)).toEqual(remove === 204 ? undefined : expect.objectContaining({ id: post.id }));

    for (const reply of [read, edit, deletion].filter((candidate) => candidate.status >= 400)) {
      expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe(reply.status === 404 ? 'not_found' : 'forbidden');
    }
  });
});

describe('signed out', () => {
  it('gets 401 from every posts endpoint and changes nothing', async () => {
    const post = await insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title: 'Original', body: '' });
    const requests = [
      { method: 'GET', path: '/api/posts' },
      { method: 'POST', path: '/api/posts', body: { title: 'New' } },
      { method: 'GET', path: `/api/posts/${post.id}` },
      { method: 'PATCH', path: `/api/posts/${post.id}`, body: { title: 'Edited' } },
      { method: 'DELETE', path: `/api/posts/${post.id}` },
    ];
    for (const { path, ...request } of requests) {
      const reply = await send(postsApp.app.baseUrl, path, request);
      expect(reply.status, `${request.method} ${path}`).toBe(401);
      expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('unauthenticated');
    }
    expect(await postsApp.database.db.select({ title: posts.title }).from(posts)).toEqual([{ title: 'Original' }]);
  });
});

describe('POST /api/posts', () => {
  it.each([
    ['the author', PERSONAS.author, ORG_IDS.acme],
    ['a user in no organization', PERSONAS.otherUser, null],
    ['an app moderator', PERSONAS.moderator, ORG_IDS.acme],
    ['an app admin', PERSONAS.admin, ORG_IDS.globex],
    ['the Acme org admin', PERSONAS.orgAdmin, ORG_IDS.acme],
    ['an Acme member', PERSONAS.orgMember, ORG_IDS.acme],
    ['a Globex member', PERSONAS.otherOrgMember, ORG_IDS.globex],
  ])('lets %s write, filing the post under the active organization', async (_name, persona, organizationId) => {
    const reply = await send(postsApp.app.baseUrl, '/api/posts', { method: 'POST', headers: as(persona), body: { title: 'Hello' } });
    expect(reply.status).toBe(201);
    expect(PostSchema.strict().parse(reply.json)).toMatchObject({ authorId: persona.user, organizationId });
  });
});

describe('GET /api/posts', () => {
  const everyTitle = ['Acme', 'Author, personal', 'Globex', 'Stranger, personal'];

  beforeEach(async () => {
    await insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title: 'Acme', body: '' });
    await insertPost(postsApp.database.db, personaActor(personalAuthor), { title: 'Author, personal', body: '' });
    await insertPost(postsApp.database.db, personaActor(PERSONAS.otherOrgMember), { title: 'Globex', body: '' });
    await insertPost(postsApp.database.db, personaActor(PERSONAS.otherUser), { title: 'Stranger, personal', body: '' });
  });

  async function titles(persona: Persona, query = ''): Promise<{ status: number; titles?: string[] }> {
    const reply = await send(postsApp.app.baseUrl, `/api/posts${query}`, { headers: as(persona) });
    if (reply.status !== 200) return { status: reply.status };
    return { status: 200, titles: PostPageSchema.parse(reply.json).posts.map((post) => post.title).sort() };
  }

  it.each<[string, Persona, string[]]>([
    ['the author', PERSONAS.author, ['Acme', 'Author, personal']],
    ['a user in no organization', PERSONAS.otherUser, ['Stranger, personal']],
    ['an app moderator (their feed: Acme)', PERSONAS.moderator, ['Acme']],
    ['an app admin (their feed: Globex)', PERSONAS.admin, ['Globex']],
    ['the Acme org admin', PERSONAS.orgAdmin, ['Acme']],
    ['an Acme member', PERSONAS.orgMember, ['Acme']],
    ['a Globex member', PERSONAS.otherOrgMember, ['Globex']],
  ])("shows %s their own posts and their active organization's", async (_name, persona, expected) => {
    expect(await titles(persona)).toEqual({ status: 200, titles: expected });
  });

  it.each<[string, Persona, string[]]>([
    ['the author', PERSONAS.author, ['Acme']],
    ['an app moderator (active: Acme)', PERSONAS.moderator, ['Acme']],
    ['an app admin (active: Globex)', PERSONAS.admin, ['Globex']],
    ['the Acme org admin', PERSONAS.orgAdmin, ['Acme']],
    ['an Acme member', PERSONAS.orgMember, ['Acme']],
    ['a Globex member', PERSONAS.otherOrgMember, ['Globex']],
  ])("answers scope=org to %s with their active organization's posts alone", async (_name, persona, expected) => {
    expect(await titles(persona, '?scope=org')).toEqual({ status: 200, titles: expected });
  });

  it('answers scope=org with 400 to a caller with no active organization, naming the field', async () => {
    const reply = await send(postsApp.app.baseUrl, '/api/posts?scope=org', { headers: as(PERSONAS.otherUser) });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: { code: 'validation_failed', fields: { scope: [expect.stringContaining('no active organization')] } } });
  });

  it.each<[string, number, Persona]>([
    ['an app moderator', 200, PERSONAS.moderator],
    ['an app admin', 200, PERSONAS.admin],
    ['the author', 403, PERSONAS.author],
    ['another user', 403, PERSONAS.otherUser],
    ['the Acme org admin', 403, PERSONAS.orgAdmin],
    ['an Acme member', 403, PERSONAS.orgMember],
    ['a Globex member', 403, PERSONAS.otherOrgMember],
  ])('answers scope=all to %s with %i', async (_name, status, persona) => {
    expect(await titles(persona, '?scope=all')).toEqual(status === 200 ? { status, titles: everyTitle } : { status });
  });
});
