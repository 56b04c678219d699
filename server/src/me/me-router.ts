import { Router, type Request } from 'express';
import { ERROR_CODES } from '#shared/api-error';
import { ProfilePatchSchema, type MeResponse, type ProfileResponse } from '#shared/api-contracts';
import { requireUser } from '../middleware/require-user.ts';
import { readJsonBody } from '../middleware/validate.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { toProfileResponse } from './profile.ts';
import { HttpError } from '../common/http-error.ts';

export function meRouter(users: UserDirectory): Router {
  const router = Router();

  /** Everything here comes from the verified token: no Backend API call. */
  router.get('/', (req, res) => {
    const { userId, sessionId, orgId, orgSlug, orgRole, orgPermissions, role } = requireUser(req);
    const body: MeResponse = { userId, sessionId, orgId, orgSlug, orgRole, orgPermissions: [...orgPermissions], role };
    res.json(body);
  });

  // `Cache-Control: no-cache` (the SPA sends it right after the user changed in Clerk) skips the short user cache.
  router.get('/profile', async (req, res) => {
    const caller = requireUser(req);
    const user = await users.findUser(caller.userId, asksForFreshData(req) ? { maxAgeMs: 0 } : {});
    if (!user) throw new HttpError(404, ERROR_CODES.notFound, 'Your user account no longer exists.');
    const body: ProfileResponse = toProfileResponse(user);
    res.json(body);
  });

  /** Only the caller's own names: the user id comes from the token, never from the request. */
  router.patch('/profile', async (req, res) => {
    const caller = requireUser(req);
    const patch = readJsonBody(req, ProfilePatchSchema);
    const user = await users.setName(caller.userId, patch);
    if (!user) throw new HttpError(404, ERROR_CODES.notFound, 'Your user account no longer exists.');
    const body: ProfileResponse = toProfileResponse(user);
    res.json(body);
  });

  return router;
}

/** The request directive of RFC 9111: the client wants an answer no cache served. */
function asksForFreshData(req: Request): boolean {
  return /(^|,)\s*no-cache\s*(,|$)/i.test(req.get('Cache-Control') ?? '');
}
