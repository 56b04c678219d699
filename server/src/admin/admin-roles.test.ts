import { describe, expect, it } from 'vitest';
import { AdminUserSchema } from '#shared/admin';
import { ApiErrorBodySchema } from '#shared/api-error';
import { MeResponseSchema } from '#shared/api-contracts';
import { bearer } from '../testing/http.ts';
import { claimsOf, useEmulatorStack } from '../testing/emulator-stack.ts';

const stack = useEmulatorStack();

const rolePath = (userId: string) => `/api/admin/users/${userId}/role`;
const setRole = (userId: string, role: unknown, as: 'appAdmin' | 'globexAdmin' = 'appAdmin') =>
  stack.send(rolePath(userId), { as, method: 'PUT', body: { role } });
const removeRole = (userId: string) => stack.send(rolePath(userId), { as: 'appAdmin', method: 'DELETE' });
const publicMetadataOf = (email: string) => stack.emulator.store.userByEmail(email)?.publicMetadata;

describe('setting a role', () => {
  it('answers the updated user as the AdminUser allow-list', async () => {
    const id = stack.userIdOf('outsider@example.com');
    const reply = await setRole(id, 'moderator');
    expect(reply.status).toBe(200);
    expect(AdminUserSchema.strict().parse(reply.json)).toEqual({
      id,
      fullName: 'Edsger Dijkstra',
      primaryEmail: 'outsider@example.com',
      imageUrl: `${stack.emulator.url}/v1/avatars/${id}/avatar_placeholder.svg`,
      role: 'moderator',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastSignInAt: null,
    });
  });

  it("shows in the user's next session token, and so at the API", async () => {
    const session = stack.signIn('plainMember');
    expect(claimsOf(await stack.tokenOf(session)).metadata).toEqual({});
    expect((await setRole(session.userId, 'moderator')).status).toBe(200);
    const next = await stack.tokenOf(session);
    expect(claimsOf(next).metadata).toEqual({ role: 'moderator' });
    const me = await stack.send('/api/me', { headers: bearer(next) });
    expect(MeResponseSchema.parse(me.json).role).toBe('moderator');
  });

  it('changes the role alone: other public metadata stays', async () => {
    const id = stack.userIdOf('member@example.com');
    stack.emulator.store.update(() => {
      stack.emulator.store.userById(id)!.publicMetadata = { onboarding: { done: true } };
    });
    await setRole(id, 'admin');
    expect(publicMetadataOf('member@example.com')).toEqual({ onboarding: { done: true }, role: 'admin' });
  });

  it.each([['owner'], ['ADMIN'], [null], [42]])('refuses the role %j with 400, changing nothing', async (role) => {
    const reply = await setRole(stack.userIdOf('outsider@example.com'), role);
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'validation_failed', fields: { role: [expect.any(String)] } });
    expect(publicMetadataOf('outsider@example.com')).toEqual({});
  });

  it('refuses a body that is not JSON (415) or missing (400)', async () => {
    const path = rolePath(stack.userIdOf('outsider@example.com'));
    const form = await stack.send(path, {
      as: 'appAdmin',
      method: 'PUT',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'role=admin',
    });
    expect(form.status).toBe(415);
    expect((await stack.send(path, { as: 'appAdmin', method: 'PUT' })).status).toBe(400);
  });
});

describe('removing a role', () => {
  it('deletes the key, keeps other public metadata, and shows in the next token', async () => {
    const session = stack.signIn('appModerator');
    stack.emulator.store.update(() => {
      stack.emulator.store.userById(session.userId)!.publicMetadata.theme = 'dark';
    });
    const reply = await removeRole(session.userId);
    expect(reply.status).toBe(200);
    expect(AdminUserSchema.parse(reply.json).role).toBeNull();
    expect(publicMetadataOf('moderator@example.com')).toEqual({ theme: 'dark' });
    expect(claimsOf(await stack.tokenOf(session)).metadata).toEqual({ theme: 'dark' });
  });

  it('is a no-op for a user without a role', async () => {
    const reply = await removeRole(stack.userIdOf('member@example.com'));
    expect(reply.status).toBe(200);
    expect(AdminUserSchema.parse(reply.json).role).toBeNull();
  });
});

describe('an admin and their own role', () => {
  it.each([
    ['downgrading it', () => setRole(stack.userIdOf('admin@example.com'), 'moderator')],
    ['removing it', () => removeRole(stack.userIdOf('admin@example.com'))],
    ['downgrading it with another organization active', () => setRole(stack.userIdOf('admin@example.com'), 'moderator', 'globexAdmin')],
  ])('%s is refused with 403 cannot_change_own_role', async (_name, act) => {
    const reply = await act();
    expect(reply.status).toBe(403);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('cannot_change_own_role');
    expect(publicMetadataOf('admin@example.com')).toEqual({ role: 'admin' });
  });

  it('may set it to admin again, which changes nothing', async () => {
    const reply = await setRole(stack.userIdOf('admin@example.com'), 'admin');
    expect(reply.status).toBe(200);
    expect(publicMetadataOf('admin@example.com')).toEqual({ role: 'admin' });
  });

  it('can still be demoted by another admin', async () => {
    const other = stack.signIn('globexMember');
    await setRole(other.userId, 'admin');
    const reply = await stack.send(rolePath(stack.userIdOf('admin@example.com')), {
      method: 'DELETE',
      headers: bearer(await stack.tokenOf(other)),
    });
    expect(reply.status).toBe(200);
    expect(publicMetadataOf('admin@example.com')).toEqual({});
  });
});

describe('user ids', () => {
  it.each(['PUT', 'DELETE'])('%s of a well-formed id Clerk does not know answers 404', async (method) => {
    // No body on the DELETE: node:http would send it without a length, and the server could not frame it.
    const body = method === 'PUT' ? { body: { role: 'moderator' } } : {};
    const reply = await stack.send(rolePath('user_doesnotexist'), { as: 'appAdmin', method, ...body });
    expect(reply.status).toBe(404);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('not_found');
  });

  it.each(['nope', 'user_', 'user_a-b', 'org_abc', `user_${'a'.repeat(65)}`, 'user_%C3%A9'])('answers 400 for the malformed id %s', async (id) => {
    const reply = await stack.send(rolePath(id), { as: 'appAdmin', method: 'PUT', body: { role: 'moderator' } });
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'validation_failed', fields: { id: ['Not a user id'] } });
  });
});

describe("a demoted admin's token, which still says admin", () => {
  /** Edsger made a second admin, with a token whose claim says so. */
  async function secondAdmin() {
    const session = stack.signIn('globexMember');
    expect((await setRole(session.userId, 'admin')).status).toBe(200);
    const token = await stack.tokenOf(session);
    expect(claimsOf(token).metadata).toEqual({ role: 'admin' });
    return { userId: session.userId, headers: bearer(token) };
  }

  it('is refused with 403 at the very next admin call', async () => {
    const demoted = await secondAdmin();
    expect((await stack.send('/api/admin/users', { headers: demoted.headers })).status).toBe(200);
    expect((await removeRole(demoted.userId)).status).toBe(200);
    const next = await stack.send('/api/admin/users', { headers: demoted.headers });
    expect(next.status).toBe(403);
    expect(ApiErrorBodySchema.parse(next.json).error.code).toBe('forbidden');
  });

  it('cannot give anyone a role after the demotion', async () => {
    const demoted = await secondAdmin();
    expect((await removeRole(demoted.userId)).status).toBe(200);
    const target = stack.userIdOf('member@example.com');
    const reply = await stack.send(rolePath(target), { method: 'PUT', headers: demoted.headers, body: { role: 'admin' } });
    expect(reply.status).toBe(403);
    expect(publicMetadataOf('member@example.com')).toEqual({});
  });

  it('cannot demote the admin who demoted them, so the app keeps its admin', async () => {
    const demoted = await secondAdmin();
    expect((await removeRole(demoted.userId)).status).toBe(200);
    const reply = await stack.send(rolePath(stack.userIdOf('admin@example.com')), { method: 'DELETE', headers: demoted.headers });
    expect(reply.status).toBe(403);
    expect(publicMetadataOf('admin@example.com')).toEqual({ role: 'admin' });
  });
});
