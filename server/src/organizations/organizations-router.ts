import { Router } from 'express';
import { z } from 'zod';
import { OrganizationSlugSchema } from '#shared/organizations';
import { requireUser } from '../middleware/require-user.ts';
import { listOrganizationMembers } from './organization-members.ts';
import type { OrganizationDirectory } from './organization-directory.ts';

/** Parsed as an object so a bad slug is reported as the field `slug`. */
const OrganizationParamsSchema = z.object({ slug: OrganizationSlugSchema });

/** `/api/orgs/:slug/...`: who may see what is decided in organization-access.ts. */
export function organizationsRouter(organizations: OrganizationDirectory): Router {
  const router = Router();

  router.get('/:slug/members', async (req, res) => {
    const caller = requireUser(req);
    const { slug } = OrganizationParamsSchema.parse(req.params);
    res.json(await listOrganizationMembers(organizations, caller, slug));
  });

  return router;
}
