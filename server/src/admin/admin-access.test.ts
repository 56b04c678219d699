import { describe, expect, it } from 'vitest';
import { AdminUserPageSchema, AdminUserSchema } from '#shared/admin';
import { ApiErrorBodySchema } from '#shared/api-error';
import { CALLERS, useEmulatorStack, type Caller, type EmulatorStack } from '../testing/emulator-stack.ts';

const stack = useEmulatorStack();

/** App admins, whatever organization is active; nobody else, organization admins included. */
const EXPECTED: Record<Caller, 200 | 401 | 403> = {
  signedOut: 401,
  plainMember: 403,
  appModerator: 403,
  appAdmin: 200,
  globexAdmin: 200,
  acmeAdmin: 403,
  acmeMember: 403,
  globexMember: 403,
};

interface Action {
  name: string;
  run(as: Caller): ReturnType<EmulatorStack['send']>;
  /** What a successful answer must look like. */
  schema: { parse(value: unknown): unknown };
  /** The role the action's target ends up with when it succeeds. */
  target?: { email: string; before: string | undefined; after: string | undefined };
}

const ACTIONS: Action[] = [
  {
    name: 'GET /api/admin/users',
    run: (as) => stack.send('/api/admin/users', { as }),
    schema: AdminUserPageSchema.strict(),
  },
  {
    name: 'PUT /api/admin/users/:id/role',
    run: (as) => stack.send(`/api/admin/users/${stack.userIdOf('outsider@example.com')}/role`, { as, method: 'PUT', body: { role: 'moderator' } }),
    schema: AdminUserSchema.strict(),
    target: { email: 'outsider@example.com', before: undefined, after: 'moderator' },
  },
  {
    name: 'DELETE /api/admin/users/:id/role',
    run: (as) => stack.send(`/api/admin/users/${stack.userIdOf('moderator@example.com')}/role`, { as, method: 'DELETE' }),
    schema: AdminUserSchema.strict(),
    target: { email: 'moderator@example.com', before: 'moderator', after: undefined },
  },
];

function storedRole(email: string): unknown {
  return stack.emulator.store.userByEmail(email)?.publicMetadata.role;
}

describe.each(ACTIONS)('$name', (action) => {
  it.each(CALLERS)('as %s answers as the matrix says, and changes nothing unless allowed', async (as) => {
    const reply = await action.run(as);
    const expected = EXPECTED[as];
    expect(reply.status).toBe(expected);
    if (expected === 200) {
      action.schema.parse(reply.json);
    } else {
      const code = expected === 401 ? 'unauthenticated' : 'forbidden';
      expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe(code);
    }
    if (action.target) {
      const { email, before, after } = action.target;
      expect(storedRole(email)).toBe(expected === 200 ? after : before);
    }
  });
});

describe('the admin guard', () => {
  it('answers 401 with a Bearer challenge when signed out', async () => {
    const reply = await stack.send('/api/admin/users');
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  it('does not tell a non-admin which admin routes exist', async () => {
    const reply = await stack.send('/api/admin/no-such-route', { as: 'appModerator' });
    expect(reply.status).toBe(403);
  });

  it('takes the role from the token, so a promotion lets the user in with their next token', async () => {
    const session = stack.signIn('plainMember');
    const before = await stack.tokenOf(session);
    const promoted = await stack.send(`/api/admin/users/${session.userId}/role`, { as: 'appAdmin', method: 'PUT', body: { role: 'admin' } });
    expect(promoted.status).toBe(200);
    const withOldToken = await stack.send('/api/admin/users', { headers: { Authorization: `Bearer ${before}` } });
    expect(withOldToken.status).toBe(403);
    const withNextToken = await stack.send('/api/admin/users', { headers: { Authorization: `Bearer ${await stack.tokenOf(session)}` } });
    expect(withNextToken.status).toBe(200);
  });
});
