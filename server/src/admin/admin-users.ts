import type { AdminUser, AdminUserPage, ValidAdminUserSearchQuery } from '#shared/admin';
import { ERROR_CODES } from '#shared/api-error';
import type { Roles } from '#shared/session-claims';
import { HttpError } from '../middleware/errors.ts';
import type { Caller } from '../middleware/require-user.ts';
import type { DirectoryUser, UserDirectory } from '../users/user-directory.ts';

/**
 * What the admin dashboard may do with users. The router lets app admins
 * alone in; the rules about which role changes are allowed live here.
 */
export async function searchUsers(users: UserDirectory, search: ValidAdminUserSearchQuery): Promise<AdminUserPage> {
  const page = await users.searchUsers(search);
  return { users: page.users.map(toAdminUser), totalCount: page.totalCount };
}

/** Sets `userId`'s app role, or removes it when `role` is null. */
export async function changeRole(users: UserDirectory, caller: Caller, userId: string, role: Roles | null): Promise<AdminUser> {
  // The acting admin must stay an admin, so the app can never lose its last one
  // by a slip of the hand; another admin can still demote them.
  if (userId === caller.userId && role !== 'admin') {
    throw new HttpError(403, ERROR_CODES.cannotChangeOwnRole, 'You cannot remove or downgrade your own admin role.');
  }
  const updated = await users.setRole(userId, role);
  if (!updated) throw new HttpError(404, ERROR_CODES.notFound, 'No user with this id.');
  return toAdminUser(updated);
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
