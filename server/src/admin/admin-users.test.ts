import { describe, expect, it } from 'vitest';
import type { Roles } from '#shared/session-claims';
import type { Caller } from '../middleware/require-user.ts';
import type { DirectoryUser, UserDirectory } from '../users/user-directory.ts';
import { changeRole } from './admin-users.ts';

/** Users by id with their role, as Clerk would hold them; `onSetRole` runs after each write lands. */
function directoryOf(roles: Record<string, Roles | null>, onSetRole?: (userId: string) => void): UserDirectory & { roles: typeof roles } {
  const user = (id: string): DirectoryUser | null =>
    id in roles
      ? { id, firstName: null, lastName: null, fullName: id, primaryEmail: null, imageUrl: '', role: roles[id] ?? null, createdAt: new Date(0), lastSignInAt: null }
      : null;
  return {
    roles,
    findUser: async (id) => user(id),
    searchUsers: async () => ({ users: [], totalCount: 0 }),
    setRole: async (id, role) => {
      if (!(id in roles)) return null;
      roles[id] = role;
      onSetRole?.(id);
      return user(id);
    },
    setName: async (id) => user(id),
  };
}

const callerOf = (userId: string): Caller =>
  Object.freeze({ userId, sessionId: `sess_${userId}`, orgId: null, orgSlug: null, orgRole: null, orgPermissions: [], role: 'admin' });

describe('changing roles so that the app keeps an admin', () => {
  it('refuses with 409 last_admin, and undoes it, a demotion that raced the demotion of the caller elsewhere', async () => {
    // Another instance demotes Ada at the moment Ada's demotion of Bob lands.
    const users = directoryOf({ ada: 'admin', bob: 'admin' }, (id) => {
      if (id === 'bob') users.roles.ada = null;
    });
    await expect(changeRole(users, callerOf('ada'), 'bob', null)).rejects.toMatchObject({ status: 409, code: 'last_admin' });
    expect(users.roles).toEqual({ ada: null, bob: 'admin' });
  });

  it('lets one of two admins who demote each other at once win, and refuses the other with 403', async () => {
    const users = directoryOf({ ada: 'admin', bob: 'admin' });
    const results = await Promise.allSettled([changeRole(users, callerOf('ada'), 'bob', null), changeRole(users, callerOf('bob'), 'ada', null)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ status: 403, code: 'forbidden' });
    expect(users.roles).toEqual({ ada: 'admin', bob: null });
  });

  it('refuses an admin demoting themself with 403 cannot_change_own_role, before asking anything', async () => {
    const users = directoryOf({ ada: 'admin' });
    await expect(changeRole(users, callerOf('ada'), 'ada', 'moderator')).rejects.toMatchObject({ status: 403, code: 'cannot_change_own_role' });
    expect(users.roles).toEqual({ ada: 'admin' });
  });

  it('demotes another admin when the caller still is one', async () => {
    const users = directoryOf({ ada: 'admin', bob: 'admin' });
    expect((await changeRole(users, callerOf('ada'), 'bob', 'moderator')).role).toBe('moderator');
    expect(users.roles).toEqual({ ada: 'admin', bob: 'moderator' });
  });
});
