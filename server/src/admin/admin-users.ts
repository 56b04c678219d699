import { changesOwnAdminRole, type AdminUser, type AdminUserPage, type ValidAdminUserSearchQuery } from '#shared/admin';
import { ERROR_CODES } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import type { Roles } from '#shared/session-claims';
import type { DirectoryUser, UserDirectory } from '../users/user-directory.ts';
import type { RoleChangeLock } from './role-change-lock.ts';
import { HttpError } from '../common/http-error.ts';
import type { Caller } from '../common/caller.ts';

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
  if (current?.role !== 'admin') throw new HttpError(403, ERROR_CODES.forbidden, API_MESSAGES.forbidden);
}

/**
 * Sets `userId`'s app role, or removes it when `role` is null, deciding inside the lock on Clerk's current answers,
 * so the app never loses its last admin (403 for one's own role, 409 `last_admin`).
 * Why: docs/security.md, "Role changes never leave the app without an admin".
 */
export async function changeRole(users: UserDirectory, lock: RoleChangeLock, caller: Caller, userId: string, role: Roles | null): Promise<AdminUser> {
  if (changesOwnAdminRole(caller.userId, userId, role)) {
    throw new HttpError(403, ERROR_CODES.cannotChangeOwnRole, API_MESSAGES.cannotChangeOwnRole);
  }
  // Before the lock, as every admin action: a demoted admin's token cannot make others wait.
  await confirmCurrentAdmin(users, caller);
  return lock.run(async () => {
    const [actor, target] = await Promise.all([users.findUser(caller.userId, FROM_CLERK), users.findUser(userId, FROM_CLERK)]);
    if (actor?.role !== 'admin') throw refusal(target, role);
    if (!target) throw noSuchUser();
    const updated = await users.setRole(userId, role);
    if (!updated) throw noSuchUser();
    return toAdminUser(updated);
  });
}

/** A read that starts after this change's turn came (no cache, no call in flight), so it sees every change made before. */
const FROM_CLERK = { readNow: true } as const;

/**
 * The caller lost their admin role after their request passed the check above,
 * i.e. to a change that just took its turn. Demoting an admin now could leave
 * none (the caller, who could not demote themselves, may have been the last
 * one besides the target): 409. Anything else is a plain 403.
 */
function refusal(target: DirectoryUser | null, role: Roles | null): HttpError {
  if (target?.role === 'admin' && role !== 'admin') {
    return new HttpError(409, ERROR_CODES.lastAdmin, API_MESSAGES.lastAdmin);
  }
  return new HttpError(403, ERROR_CODES.forbidden, API_MESSAGES.forbidden);
}

function noSuchUser(): HttpError {
  return new HttpError(404, ERROR_CODES.notFound, API_MESSAGES.userNotFound);
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
