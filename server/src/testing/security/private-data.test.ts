import { beforeAll, describe, expect, it } from 'vitest';
import { AdminUserPageSchema } from '#shared/admin';
import { useEmulatorStack, type Caller } from '../emulator-stack.ts';
import { OPEN_TIMEOUT_MS } from '../test-database.ts';
import { emulatorSnapshot } from './emulator-snapshot.ts';
import { postsSnapshot } from './post-fixture.ts';

/**
 * Every endpoint, as the callers who see the most, through the real Clerk emulator
 * server, whose Backend API hands the API each user's private metadata. None of
 * it may come back: `stack.send` fails the test if an answer contains
 * `privateMetadata`, `private_metadata` (or the unsafe ones) or any seeded
 * private value. The writes leave every value as it was, so nothing changes.
 */
const stack = useEmulatorStack({ per: 'file', database: true });
let postId: string;
beforeAll(async () => {
  const created = await stack.send('/api/posts', { as: 'acmeMember', method: 'POST', body: { title: 'Acme news' } });
  postId = (created.json as { id: string }).id;
}, OPEN_TIMEOUT_MS);

const idOf = (email: string) => () => stack.userIdOf(email);

type Probe = [name: string, as: Caller, status: number, method: string, path: () => string, body?: object];

const probes: Probe[] = [
  ['GET /api/me', 'appAdmin', 200, 'GET', () => '/api/me'],
  ['GET /api/me/profile of a user with private metadata', 'appAdmin', 200, 'GET', () => '/api/me/profile'],
  ['GET /api/me/profile of a plain member', 'plainMember', 200, 'GET', () => '/api/me/profile'],
  ['PATCH /api/me/profile (the same names again)', 'appModerator', 200, 'PATCH', () => '/api/me/profile', { firstName: 'Grace', lastName: 'Hopper' }],
  ['GET /api/admin/users, every user', 'appAdmin', 200, 'GET', () => '/api/admin/users?limit=50'],
  [
    'PUT /api/admin/users/:id/role (the role they already have)',
    'appAdmin',
    200,
    'PUT',
    () => `/api/admin/users/${idOf('moderator@example.com')()}/role`,
    { role: 'moderator' },
  ],
  [
    'DELETE /api/admin/users/:id/role (of a user with none)',
    'appAdmin',
    200,
    'DELETE',
    () => `/api/admin/users/${idOf('member@example.com')()}/role`,
  ],
  ['PUT /api/admin/users/:id/role of no such user', 'appAdmin', 404, 'PUT', () => '/api/admin/users/user_nosuchuser/role', { role: 'moderator' }],
  ['GET /api/admin/users as a non-admin', 'acmeAdmin', 403, 'GET', () => '/api/admin/users'],
  ['GET /api/orgs/acme/members as its admin', 'acmeAdmin', 200, 'GET', () => '/api/orgs/acme/members'],
  ['GET /api/orgs/globex/members as its admin', 'globexAdmin', 200, 'GET', () => '/api/orgs/globex/members'],
  ['GET /api/orgs/acme/members as a member', 'acmeMember', 403, 'GET', () => '/api/orgs/acme/members'],
  ['GET /api/posts', 'acmeMember', 200, 'GET', () => '/api/posts'],
  ['GET /api/posts/:id', 'acmeAdmin', 200, 'GET', () => `/api/posts/${postId}`],
  ['GET /api/posts?scope=all as the app admin', 'appAdmin', 200, 'GET', () => '/api/posts?scope=all'],
  ['GET /api/hello signed in', 'plainMember', 200, 'GET', () => '/api/hello'],
  ['GET /api/me/profile signed out', 'signedOut', 401, 'GET', () => '/api/me/profile'],
  ['an unknown route', 'appAdmin', 404, 'GET', () => '/api/users/everyone'],
];

describe('no answer carries private metadata', () => {
  it.each(probes)('%s (as %s): %i, nothing private', async (_name, as, status, method, path, body) => {
    const emulatorBefore = emulatorSnapshot(stack.emulator.store);
    const postsBefore = await postsSnapshot(stack.database);
    // stack.send checks the answer for private markers and seeded private values.
    const reply = await stack.send(path(), { as, method, ...(body ? { body } : {}) });
    expect(reply.status, reply.text).toBe(status);
    expect(reply.text).not.toMatch(/private|unsafe/i);
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(emulatorBefore);
    expect(await postsSnapshot(stack.database)).toEqual(postsBefore);
  });

  it.each(['cus_local_admin', 'seeded admin', 'internalNote'])('the admin search cannot find users by a private value (%s)', async (value) => {
    const reply = await stack.send(`/api/admin/users?query=${encodeURIComponent(value)}`, { as: 'appAdmin' });
    expect(AdminUserPageSchema.strict().parse(reply.json)).toEqual({ users: [], totalCount: 0 });
  });
});
