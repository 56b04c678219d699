import type { AdminUser, AdminUserPage, ValidAdminUserSearchQuery } from '#shared/admin';
import { ERROR_CODES } from '#shared/api-error';
import type { Roles } from '#shared/session-claims';
import { HttpError } from '../middleware/errors.ts';
import type { Caller } from '../middleware/require-user.ts';
import type { DirectoryUser, UserDirectory } from '../users/user-directory.ts';

/**
 * How old the caller's role may be when it lets them act as an admin. The
 * token's claim can be 60 s old; this instance forgets a role the moment it
 * writes one, and another instance's change shows within this.
 */
export const ADMIN_ROLE_MAX_AGE_MS = 2000;

/**
 * What the admin dashboard may do with users. The router lets in only callers
 * whose token says admin; every action here then checks that they still are
 * one (`confirmCurrentAdmin`), after the request's own input has been checked
 * (a malformed request costs no Backend API call).
 */
export async function searchUsers(users: UserDirectory, caller: Caller, search: ValidAdminUserSearchQuery): Promise<AdminUserPage> {
  await confirmCurrentAdmin(users, caller);
  const page = await users.searchUsers(search);
  return { users: page.users.map(toAdminUser), totalCount: page.totalCount };
}

/**
 * The caller's current role, read through the directory's cache, must be
 * admin: a demoted admin's token still says admin until it expires.
 */
export async function confirmCurrentAdmin(users: UserDirectory, caller: Caller, maxAgeMs = ADMIN_ROLE_MAX_AGE_MS): Promise<void> {
  const current = await users.findUser(caller.userId, { maxAgeMs });
  if (current?.role !== 'admin') throw new HttpError(403, ERROR_CODES.forbidden, 'You do not have permission to do this.');
}

/**
 * Sets `userId`'s app role, or removes it when `role` is null. The app never
 * loses its last admin:
 * - an admin cannot remove or downgrade their own role (another admin can);
 * - role changes on this instance run one at a time, each checking that the
 *   caller is an admin right now (not a cached answer), so of two admins
 *   demoting each other the second is refused;
 * - Clerk has no transactions, so two instances may still race: after
 *   demoting an admin the caller must still be one, or the demotion is undone
 *   and answered 409 `last_admin`.
 */
export async function changeRole(users: UserDirectory, caller: Caller, userId: string, role: Roles | null): Promise<AdminUser> {
  if (userId === caller.userId && role !== 'admin') {
    throw new HttpError(403, ERROR_CODES.cannotChangeOwnRole, 'You cannot remove or downgrade your own admin role.');
  }
  return oneAtATime(users, async () => {
    await confirmCurrentAdmin(users, caller, 0);
    const before = await users.findUser(userId, { maxAgeMs: 0 });
    if (!before) throw noSuchUser();
    const updated = await users.setRole(userId, role);
    if (!updated) throw noSuchUser();
    if (before.role === 'admin' && role !== 'admin') await undoUnlessAnAdminRemains(users, caller, userId);
    return toAdminUser(updated);
  });
}

async function undoUnlessAnAdminRemains(users: UserDirectory, caller: Caller, demotedUserId: string): Promise<void> {
  const callerNow = await users.findUser(caller.userId, { maxAgeMs: 0 });
  if (callerNow?.role === 'admin') return;
  await users.setRole(demotedUserId, 'admin');
  throw new HttpError(409, ERROR_CODES.lastAdmin, 'Your own admin role was removed at the same time, so this would leave the app without an admin. Nothing was changed.');
}

/** One queue per directory, i.e. per app instance. */
const queues = new WeakMap<UserDirectory, Promise<unknown>>();

function oneAtATime<T>(users: UserDirectory, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(users) ?? Promise.resolve();
  const result = previous.then(task, task);
  queues.set(users, result.catch(() => undefined));
  return result;
}

function noSuchUser(): HttpError {
  return new HttpError(404, ERROR_CODES.notFound, 'No user with this id.');
}

/** The AdminUser allow-list: names and email to find people by, the role, and dates. */
function toAdminUser(user: DirectoryUser): AdminUser {
  return {
    id: user.id,
    fullName: user.fullName,
    primaryEmail: user.primaryEmail,
    imageUrl: user.imageUrl,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}
