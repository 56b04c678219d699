import { beforeEach, describe, expect, it } from 'vitest';
import { ProfileResponseSchema } from '#shared/api-contracts';
import { PostSchema } from '#shared/posts';
import { posts } from '../../db/schema.ts';
import { useEmulatorStack, type SeededCaller } from '../emulator-stack.ts';
import { expectError } from './expectations.ts';
import { emulatorSnapshot } from './emulator-snapshot.ts';
import { postsSnapshot } from './post-fixture.ts';

/**
 * Who the caller is, what they may do and where their post goes come from the
 * verified token alone. Fields in a body that try to say otherwise (a role,
 * metadata, an author, an organization) must have no effect at all.
 */
const stack = useEmulatorStack({ per: 'file', database: true });
beforeEach(async () => {
  await stack.database.db.delete(posts);
});

const orgId = (slug: string) => stack.emulator.store.organizationByIdOrSlug(slug)!.id;
const adaId = () => stack.userIdOf('admin@example.com');
const alanId = () => stack.userIdOf('member@example.com');

/** Every field an attacker might hope the API copies from the body. */
const claimsInBody = () => ({
  role: 'admin',
  metadata: { role: 'admin' },
  publicMetadata: { role: 'admin' },
  public_metadata: { role: 'admin' },
  privateMetadata: { internalNote: 'forged' },
  authorId: adaId(),
  organizationId: orgId('globex'),
  userId: adaId(),
  id: adaId(),
});

async function createAcmePost() {
  const reply = await stack.send('/api/posts', { as: 'acmeMember', method: 'POST', body: { title: 'Original', body: 'Text' } });
  expect(reply.status).toBe(201);
  return PostSchema.parse(reply.json);
}

describe('posts', () => {
  it('POST ignores role, metadata, authorId and organizationId in the body', async () => {
    const emulatorBefore = emulatorSnapshot(stack.emulator.store);
    const reply = await stack.send('/api/posts', { as: 'acmeMember', method: 'POST', body: { title: 'Hello', ...claimsInBody() } });
    expect(reply.status, reply.text).toBe(201);
    const expected = { authorId: alanId(), organizationId: orgId('acme'), title: 'Hello', body: '' };
    expect(PostSchema.strict().parse(reply.json)).toMatchObject({ ...expected, permissions: { canEdit: true, canDelete: true } });
    expect(await postsSnapshot(stack.database)).toEqual([expect.objectContaining(expected)]);
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(emulatorBefore);
  });

  it('POST with a __proto__ key pollutes no prototype and grants nothing', async () => {
    const emulatorBefore = emulatorSnapshot(stack.emulator.store);
    const body = '{"title":"Proto","__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"role":"admin"}}}';
    const headers = { 'Content-Type': 'application/json' };
    const reply = await stack.send('/api/posts', { as: 'plainMember', method: 'POST', headers, body });
    expect(reply.status, reply.text).toBe(201);
    // The app runs in this process: a polluted prototype would show here.
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expectError(await stack.send('/api/admin/users', { as: 'plainMember' }), 403, 'forbidden');
    expect(await postsSnapshot(stack.database)).toEqual([expect.objectContaining({ title: 'Proto', authorId: alanId(), organizationId: null })]);
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(emulatorBefore);
  });

  it('PATCH by the author changes the title only, never the author or the organization', async () => {
    const post = await createAcmePost();
    const reply = await stack.send(`/api/posts/${post.id}`, { as: 'acmeMember', method: 'PATCH', body: { title: 'Edited', ...claimsInBody() } });
    expect(reply.status, reply.text).toBe(200);
    expect(PostSchema.parse(reply.json)).toMatchObject({ title: 'Edited', authorId: alanId(), organizationId: orgId('acme') });
    expect(await postsSnapshot(stack.database)).toEqual([
      expect.objectContaining({ id: post.id, title: 'Edited', body: 'Text', authorId: alanId(), organizationId: orgId('acme') }),
    ]);
  });

  it('PATCH with nothing but such fields is a 400, and the post is unchanged', async () => {
    const post = await createAcmePost();
    const before = await postsSnapshot(stack.database);
    const reply = await stack.send(`/api/posts/${post.id}`, { as: 'acmeMember', method: 'PATCH', body: claimsInBody() });
    expectError(reply, 400, 'validation_failed');
    expect(await postsSnapshot(stack.database)).toEqual(before);
  });
});

describe('PATCH /api/me/profile', () => {
  it("changes the caller's names only: no role, no metadata, no other user", async () => {
    const before = emulatorSnapshot(stack.emulator.store) as { users: Array<{ id: string }> };
    const body = { firstName: 'Alan M.', lastName: 'Turing', ...claimsInBody(), unsafeMetadata: { role: 'admin' } };
    const reply = await stack.send('/api/me/profile', { as: 'plainMember', method: 'PATCH', body });
    expect(reply.status, reply.text).toBe(200);
    expect(ProfileResponseSchema.strict().parse(reply.json)).toMatchObject({ id: alanId(), firstName: 'Alan M.', role: null });
    const expected = {
      ...before,
      users: before.users.map((user) => (user.id === alanId() ? { ...user, firstName: 'Alan M.' } : user)),
    };
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(expected);
  });
});

describe('PUT and DELETE /api/admin/users/:id/role by callers who are not app admins', () => {
  const cases: Array<[name: string, as: SeededCaller, method: 'PUT' | 'DELETE', target: () => string, role: string | null]> = [
    ['a plain member making themselves admin', 'plainMember', 'PUT', alanId, 'admin'],
    ['an organization admin making themselves admin', 'acmeAdmin', 'PUT', () => stack.userIdOf('orgadmin@example.com'), 'admin'],
    ['an organization member demoting the app admin', 'globexMember', 'PUT', adaId, 'moderator'],
    ["a plain member removing the app admin's role", 'plainMember', 'DELETE', adaId, null],
  ];

  it.each(cases)('%s: 403, no role changes', async (_name, as, method, target, role) => {
    const before = emulatorSnapshot(stack.emulator.store);
    const body = role === null ? undefined : { role, publicMetadata: { role } };
    const reply = await stack.send(`/api/admin/users/${target()}/role`, { as, method, ...(body ? { body } : {}) });
    expectError(reply, 403, 'forbidden');
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(before);
  });
});
