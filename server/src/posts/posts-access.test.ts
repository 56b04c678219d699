import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { PostPageSchema, PostSchema } from '#shared/posts';
import { roleFromClaims } from '#shared/session-claims';
import {
  POLICY_PERSONAS,
  POLICY_USER_IDS,
  POST_ACCESS_TABLES,
  POST_LIST_CASES,
  POST_LIST_POSTS,
  type PolicyPersonaKey,
} from '#shared/testing/post-policy-cases';
import { localOrganization } from '#shared/local-clerk';
import { posts } from '../db/schema.ts';
import { bearer, send } from '../testing/http.ts';
import { PERSONAS, personaActor, personaToken, withoutOrganization, type Persona } from '../testing/personas.ts';
import { usePostsApp } from '../testing/posts-app.ts';
import { insertPost } from './posts-repository.ts';

/**
 * Who may do what to a post, through the API with real tokens: the table is
 * shared with the client's MSW handlers (shared/testing/post-policy-cases.ts),
 * its cast is testing/personas.ts.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;

/** The shared table's personas, as the sessions of testing/personas.ts. */
const CAST: Record<PolicyPersonaKey, Persona> = {
  author: PERSONAS.author,
  authorPersonal: withoutOrganization(PERSONAS.author),
  otherUser: PERSONAS.otherUser,
  moderator: PERSONAS.moderator,
  admin: PERSONAS.admin,
  orgAdmin: PERSONAS.orgAdmin,
  orgAdminElsewhere: withoutOrganization(PERSONAS.orgAdmin),
  orgMember: PERSONAS.orgMember,
  otherOrgMember: PERSONAS.otherOrgMember,
};

function as(persona: Persona) {
  return bearer(personaToken(auth, persona));
}

async function stored(id: string) {
  const [row] = await postsApp.database.db.select().from(posts).where(eq(posts.id, id));
  return row;
}

describe('the shared policy table', () => {
  it.each(Object.entries(CAST))('casts %s as it describes them', (key, persona) => {
    const described = POLICY_PERSONAS[key as PolicyPersonaKey];
    const organization = persona.organization && { slug: persona.organization.slug, role: persona.organization.role };
    expect({ appRole: roleFromClaims({ metadata: persona.metadata }), activeOrganization: organization }).toEqual({
      appRole: described.appRole,
      activeOrganization: described.activeOrganization,
    });
    // One user in the table is one account here, with the id the client's run of the table gives them.
    expect(persona.user).toBe(POLICY_USER_IDS[described.user]);
  });
});

describe.each(POST_ACCESS_TABLES)('$post, written by the author', ({ writer, cases }) => {
  it.each(cases)('$name: GET $get, PATCH $patch, DELETE $remove', async ({ actor, get, patch, remove }) => {
    const persona = CAST[actor];
    const post = await insertPost(postsApp.database.db, personaActor(CAST[writer]), { title: 'Original', body: 'Text' });
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
    ['the author', PERSONAS.author, localOrganization('acme').id],
    ['a user in no organization', PERSONAS.otherUser, null],
    ['an app moderator', PERSONAS.moderator, localOrganization('acme').id],
    ['an app admin', PERSONAS.admin, localOrganization('globex').id],
    ['the Acme org admin', PERSONAS.orgAdmin, localOrganization('acme').id],
    ['an Acme member', PERSONAS.orgMember, localOrganization('acme').id],
    ['a Globex member', PERSONAS.otherOrgMember, localOrganization('globex').id],
  ])('lets %s write, filing the post under the active organization', async (_name, persona, organizationId) => {
    const reply = await send(postsApp.app.baseUrl, '/api/posts', { method: 'POST', headers: as(persona), body: { title: 'Hello' } });
    expect(reply.status).toBe(201);
    expect(PostSchema.strict().parse(reply.json)).toMatchObject({ authorId: persona.user, organizationId });
  });
});

describe('GET /api/posts', () => {
  beforeEach(async () => {
    for (const { title, writer } of POST_LIST_POSTS) await insertPost(postsApp.database.db, personaActor(CAST[writer]), { title, body: '' });
  });

  it.each(POST_LIST_CASES)('answers $name with scope=$scope: $expected', async ({ actor, scope, expected }) => {
    const reply = await send(postsApp.app.baseUrl, `/api/posts?scope=${scope}`, { headers: as(CAST[actor]) });
    if (typeof expected === 'number') {
      expect(reply.status).toBe(expected);
      return;
    }
    expect(reply.status).toBe(200);
    expect(
      PostPageSchema.parse(reply.json)
        .posts.map((post) => post.title)
        .sort(),
    ).toEqual(expected);
  });

  it('lists mine-and-org when no scope is given', async () => {
    const reply = await send(postsApp.app.baseUrl, '/api/posts', { headers: as(PERSONAS.author) });
    expect(
      PostPageSchema.parse(reply.json)
        .posts.map((post) => post.title)
        .sort(),
    ).toEqual(['Acme', 'Author, personal']);
  });

  it('answers scope=org with 400 to a caller with no active organization, naming the field', async () => {
    const reply = await send(postsApp.app.baseUrl, '/api/posts?scope=org', { headers: as(PERSONAS.otherUser) });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({
      error: { code: 'validation_failed', fields: { scope: [expect.stringContaining('no active organization')] } },
    });
  });
});
