import { Router } from 'express';
import { z } from 'zod';
import { ADMIN_API_ROLES, AdminUserSearchQuerySchema, SetRoleRequestSchema, UserIdSchema } from '#shared/admin';
import { requireRole, requireUser } from '../middleware/require-user.ts';
import { readJsonBody } from '../middleware/validate.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { changeRole, searchUsers } from './admin-users.ts';
import type { RoleChangeLock } from './role-change-lock.ts';

/** Parsed as an object so a bad id is reported as the field `id`. */
const UserParamsSchema = z.object({ id: UserIdSchema });

/**
 * `/api/admin`: app admins only. The guard sits in front of every route, so a
 * route added later cannot forget it (and a non-admin learns nothing about
 * which routes exist). It reads the token's claim, which costs nothing; each
 * action then confirms the caller's current role (see admin-users.ts). Role
 * changes take turns through `lock`.
 */
export function adminRouter(users: UserDirectory, lock: RoleChangeLock): Router {
  const router = Router();
  router.use(requireRole(...ADMIN_API_ROLES));

  router.get('/users', async (req, res) => {
    // A ZodError answers 400 validation_failed with the offending fields.
    const search = AdminUserSearchQuerySchema.parse(req.query);
    res.json(await searchUsers(users, requireUser(req), search));
  });

  router.put('/users/:id/role', async (req, res) => {
    const caller = requireUser(req);
    const { id } = UserParamsSchema.parse(req.params);
    const { role } = readJsonBody(req, SetRoleRequestSchema);
    res.json(await changeRole(users, lock, caller, id, role));
  });

  router.delete('/users/:id/role', async (req, res) => {
    const caller = requireUser(req);
    const { id } = UserParamsSchema.parse(req.params);
    res.json(await changeRole(users, lock, caller, id, null));
  });

  return router;
}
