import { describe, expect, it } from 'vitest';
import { PostPageSchema, PostSchema } from '#shared/posts';
import {
  POLICY_PERSONAS,
  POLICY_USER_IDS,
  POST_ACCESS_TABLES,
  POST_LIST_CASES,
  POST_LIST_POSTS,
  type PolicyPersonaKey,
} from '#shared/testing/post-policy-cases';
import { activeOrganizationClaim } from '#shared/session-token';
import { signedSessionToken } from '@/testing/clerk/emulator.ts';
import { testOrganization } from '@/testing/clerk/personas.ts';
import { seedPost, storedPost } from '../data/posts-store.ts';
import { apiUrl } from './api-auth.ts';

/**
 * The MSW posts handlers against the table the API's access tests run
 * (server/src/posts/posts-access.test.ts): the mock API the component tests
 * use answers every caller as the real one does.
 */
function userId(key: PolicyPersonaKey): string {
  return POLICY_USER_IDS[POLICY_PERSONAS[key].user];
}

function organizationId(key: PolicyPersonaKey): string | null {
  const organization = POLICY_PERSONAS[key].activeOrganization;
  return organization && testOrganization(organization.slug).id;
}

function headersOf(key: PolicyPersonaKey): Record<string, string> {
  const { appRole, activeOrganization } = POLICY_PERSONAS[key];
  // Signed by the test's Clerk emulator, with the claims it would give this caller's session.
  const token = signedSessionToken({
    userId: userId(key),
    sessionId: `sess_${key}`,
    publicMetadata: appRole ? { role: appRole } : {},
    organization: activeOrganization && activeOrganizationClaim(testOrganization(activeOrganization.slug), activeOrganization.role),
    issuedAt: Math.floor(Date.now() / 1000),
    factorVerificationAge: [0, -1],
  });
  return { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
}

async function send(actor: PolicyPersonaKey, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(apiUrl(path), {
    method: init.method ?? 'GET',
    headers: headersOf(actor),
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  return { status: response.status, json: response.status === 204 ? undefined : ((await response.json()) as unknown) };
}

function write(writer: PolicyPersonaKey, title: string) {
  return seedPost({ authorId: userId(writer), organizationId: organizationId(writer), title, body: 'Text' });
}

describe.each(POST_ACCESS_TABLES)('$post, written by the author, in the mock API', ({ writer, cases }) => {
  it.each(cases)('$name: GET $get, PATCH $patch, DELETE $remove', async ({ actor, get, patch, remove }) => {
    const post = write(writer, 'Original');
    const path = `/api/posts/${post.id}`;

    const read = await send(actor, path);
    expect(read.status).toBe(get);
    if (get === 200) {
      expect(PostSchema.strict().parse(read.json).permissions).toEqual({ canEdit: patch === 200, canDelete: remove === 204 });
    }

    const edit = await send(actor, path, { method: 'PATCH', body: { title: 'Edited' } });
    expect(edit.status).toBe(patch);
    expect(storedPost(post.id)?.title).toBe(patch === 200 ? 'Edited' : 'Original');

    const deletion = await send(actor, path, { method: 'DELETE' });
    expect(deletion.status).toBe(remove);
    expect(storedPost(post.id)).toEqual(remove === 204 ? undefined : expect.objectContaining({ id: post.id }));
  });
});

describe('GET /api/posts in the mock API', () => {
  it.each(POST_LIST_CASES)('answers $name with scope=$scope: $expected', async ({ actor, scope, expected }) => {
    for (const { title, writer } of POST_LIST_POSTS) write(writer, title);

    const reply = await send(actor, `/api/posts?scope=${scope}`);
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
});

describe('POST /api/posts in the mock API', () => {
  it.each(Object.keys(POLICY_PERSONAS) as PolicyPersonaKey[])('lets %s write, filing the post under the active organization', async (actor) => {
    const reply = await send(actor, '/api/posts', { method: 'POST', body: { title: 'Hello' } });
    expect(reply.status).toBe(201);
    expect(PostSchema.strict().parse(reply.json)).toMatchObject({ authorId: userId(actor), organizationId: organizationId(actor) });
  });
});
