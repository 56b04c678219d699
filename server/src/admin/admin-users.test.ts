import { describe, expect, it } from 'vitest';
import type { Roles } from '#shared/session-claims';
import type { DirectoryUser, UserDirectory } from '../users/user-directory.ts';
import { changeRole } from './admin-users.ts';
import { createRoleChangeLock } from './role-change-lock.ts';
import type { Caller } from '../common/caller.ts';

/** Users by id with their role, as Clerk would hold them; `onFindUser` runs before each read answers, `writes` records each write. */
function directoryOf(
  roles: Record<string, Roles | null>,
  onFindUser?: (userId: string) => void,
): UserDirectory & { roles: typeof roles; writes: string[] } {
  const writes: string[] = [];
  const user = (id: string): DirectoryUser | null =>
    id in roles
      ? {
          id,
          firstName: null,
          lastName: null,
          fullName: id,
          primaryEmail: null,
          imageUrl: '',
          role: roles[id] ?? null,
          createdAt: new Date(0),
          lastSignInAt: null,
        }
      : null;
  return {
    roles,
    writes,
    findUser: async (id) => {
      onFindUser?.(id);
      return user(id);
    },
    searchUsers: async () => ({ users: [], totalCount: 0 }),
    setRole: async (id, role) => {
      if (!(id in roles)) return null;
      writes.push(`${id}: ${String(role)}`);
      roles[id] = role;
      return user(id);
    },
    setName: async (id) => user(id),
  };
}

const callerOf = (userId: string): Caller =>
  Object.freeze({ userId, sessionId: `sess_${userId}`, orgId: null, orgSlug: null, orgRole: null, orgPermissions: [], role: 'admin' });

describe('changing roles so that the app keeps an admin', () => {
  it('refuses with 409 last_admin, writing nothing, a demotion whose caller was demoted elsewhere just before its turn', async () => {
    // Another instance's change demotes Ada after her request passed the first check.
    let adaReads = 0;
    const users = directoryOf({ ada: 'admin', bob: 'admin' }, (id) => {
      if (id === 'ada' && ++adaReads === 2) users.roles.ada = null;
    });
    await expect(changeRole(users, createRoleChangeLock(), callerOf('ada'), 'bob', null)).rejects.toMatchObject({ status: 409, code: 'last_admin' });
    expect(users.writes).toEqual([]);
    expect(users.roles).toEqual({ ada: null, bob: 'admin' });
  });

  it('lets one of two admins who demote each other at once win, and refuses the other with 409 last_admin', async () => {
    const users = directoryOf({ ada: 'admin', bob: 'admin' });
    const lock = createRoleChangeLock();
    const results = await Promise.allSettled([
      changeRole(users, lock, callerOf('ada'), 'bob', null),
      changeRole(users, lock, callerOf('bob'), 'ada', null),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'last_admin' });
    expect(users.roles).toEqual({ ada: 'admin', bob: null });
  });

  it('refuses with 403 a change that demotes no admin, when its caller lost their role just before its turn', async () => {
    let adaReads = 0;
    const users = directoryOf({ ada: 'admin', carol: null }, (id) => {
      if (id === 'ada' && ++adaReads === 2) users.roles.ada = null;
    });
    await expect(changeRole(users, createRoleChangeLock(), callerOf('ada'), 'carol', 'admin')).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(users.writes).toEqual([]);
  });

  it('refuses a caller who is no longer an admin with 403 before taking a turn', async () => {
    const users = directoryOf({ ada: null, bob: 'admin' });
    let turns = 0;
    const lock = { run: <T>(change: () => Promise<T>) => ((turns += 1), change()) };
    await expect(changeRole(users, lock, callerOf('ada'), 'bob', null)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(turns).toBe(0);
  });

  it('refuses an admin demoting themself with 403 cannot_change_own_role, before asking anything', async () => {
    const users = directoryOf({ ada: 'admin' });
    await expect(changeRole(users, createRoleChangeLock(), callerOf('ada'), 'ada', 'moderator')).rejects.toMatchObject({
      status: 403,
      code: 'cannot_change_own_role',
    });
    expect(users.roles).toEqual({ ada: 'admin' });
  });

  it('demotes another admin when the caller still is one', async () => {
    const users = directoryOf({ ada: 'admin', bob: 'admin' });
    expect((await changeRole(users, createRoleChangeLock(), callerOf('ada'), 'bob', 'moderator')).role).toBe('moderator');
    expect(users.roles).toEqual({ ada: 'admin', bob: 'moderator' });
  });
});
