import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { deletedObjectJson, deleteOrganization } from '../store/deletions.ts';
import { EmulatorError } from '../http/errors.ts';
import { newId } from '../store/ids.ts';
import { ORGANIZATION_ROLE_KEYS, ORGANIZATION_ROLES, organizationRole } from '#shared/organization-roles';
import { freeSlug, slugProblem, slugify } from '../store/slugs.ts';
import type { StoredMembership, StoredOrganization } from '../store/store.ts';
import { callerSession, formError, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { fapiMembership, fapiOrganization } from './fapi-json.ts';

/**
 * `/v1/organizations`: creating one (the creator becomes its admin), and what
 * `<OrganizationProfile>` reads and changes. Every call acts for the caller's
 * session and checks the caller's organization permissions, as Clerk does.
 */
const CreateOrganization = z.object({
  name: z.string().trim().min(1).max(256),
  slug: z.string().trim().toLowerCase().optional(),
});
const UpdateOrganization = z.object({ name: z.string().trim().min(1).max(256).optional(), slug: z.string().trim().toLowerCase().optional() });
const UpdateMembership = z.object({ role: z.enum(ORGANIZATION_ROLE_KEYS) });
export function paginated<T>(data: T[]) {
  return { data, total_count: data.length };
}

export function organizationRouter(deps: FrontendDeps): Router {
  const router = Router();
  const { store } = deps;
  const now = () => (deps.now ?? Date.now)();

  router.post('/', (req, res) => {
    const { user } = callerSession(req, res, deps);
    const body = CreateOrganization.parse(req.body ?? {});
    const slug = uniqueSlug(body.slug ?? slugify(body.name), body.slug !== undefined);
    const at = now();
    const organization: StoredOrganization = {
      id: newId('org'),
      name: body.name,
      slug,
      createdBy: user.id,
      publicMetadata: {},
      privateMetadata: {},
      createdAt: at,
      updatedAt: at,
    };
    const membership: StoredMembership = {
      id: newId('orgmem'),
      organizationId: organization.id,
      userId: user.id,
      role: 'org:admin',
      publicMetadata: {},
      privateMetadata: {},
      createdAt: at,
      updatedAt: at,
    };
    store.update((data) => {
      data.organizations.push(organization);
      data.memberships.push(membership);
    });
    sendWithClient(req, res, deps, (ctx) => fapiOrganization(organization, ctx));
  });

  router.get('/:orgId', (req, res) => {
    const { organization } = requirePermission(req, res, 'org:sys_memberships:read');
    sendWithClient(req, res, deps, (ctx) => fapiOrganization(organization, ctx));
  });

  router.patch('/:orgId', (req, res) => {
    const { organization } = requirePermission(req, res, 'org:sys_profile:manage');
    const body = UpdateOrganization.parse(req.body ?? {});
    const slug = body.slug !== undefined && body.slug !== organization.slug ? uniqueSlug(body.slug, true) : organization.slug;
    store.update(() => Object.assign(organization, { name: body.name ?? organization.name, slug, updatedAt: now() }));
    sendWithClient(req, res, deps, (ctx) => fapiOrganization(organization, ctx));
  });

  router.delete('/:orgId', (req, res) => {
    const { organization } = requirePermission(req, res, 'org:sys_profile:delete');
    deleteOrganization(store, organization.id);
    sendWithClient(req, res, deps, () => deletedObjectJson('organization', organization.id));
  });

  router.get('/:orgId/memberships', (req, res) => {
    const { organization } = requirePermission(req, res, 'org:sys_memberships:read');
    const memberships = store.membershipsOfOrganization(organization.id);
    sendWithClient(req, res, deps, (ctx) => paginated(memberships.map((membership) => fapiMembership(membership, ctx))));
  });

  router.patch('/:orgId/memberships/:userId', (req, res) => {
    const { organization, membership: own } = requirePermission(req, res, 'org:sys_memberships:manage');
    const target = requireMembership(organization.id, req.params.userId);
    const { role } = UpdateMembership.parse(req.body ?? {});
    if (target.id === own.id && role !== 'org:admin') assertAnotherAdmin(organization.id, target);
    store.update(() => Object.assign(target, { role, updatedAt: now() }));
    sendWithClient(req, res, deps, (ctx) => fapiMembership(target, ctx));
  });

  router.delete('/:orgId/memberships/:userId', (req, res) => {
    const { organization } = requirePermission(req, res, 'org:sys_memberships:manage');
    const target = requireMembership(organization.id, req.params.userId);
    if (target.role === 'org:admin') assertAnotherAdmin(organization.id, target);
    sendWithClient(req, res, deps, (ctx) => {
      // Serialized before the removal: the answer describes the membership that was deleted.
      const json = fapiMembership(target, ctx);
      store.update((data) => void (data.memberships = data.memberships.filter((m) => m.id !== target.id)));
      return json;
    });
  });

  router.get('/:orgId/roles', (req, res) => {
    requirePermission(req, res, 'org:sys_memberships:read');
    sendWithClient(req, res, deps, () => paginated(ORGANIZATION_ROLE_KEYS.map((key) => roleJson(key))));
  });

  // Nothing of these exists locally (no verified domains): empty lists, as a new instance has.
  for (const list of ['domains', 'membership_requests']) {
    router.get(`/:orgId/${list}`, (req, res) => {
      requirePermission(req, res, 'org:sys_memberships:read');
      sendWithClient(req, res, deps, () => paginated([]));
    });
  }

  function requirePermission(req: Request, res: Response, permission: string) {
    const { user } = callerSession(req, res, deps);
    const organization = store.organizationByIdOrSlug(String(req.params.orgId ?? ''));
    const membership = organization ? store.membership(user.id, organization.id) : undefined;
    if (!organization || !membership) throw new EmulatorError(404, 'resource_not_found', 'No such organization.');
    if (!organizationRole(membership.role).permissions.includes(permission)) {
      throw new EmulatorError(403, 'not_allowed_access', 'You are not allowed to do this in this organization.');
    }
    return { organization, membership };
  }

  function requireMembership(organizationId: string, userId: string | undefined): StoredMembership {
    const membership = userId ? store.membership(userId, organizationId) : undefined;
    if (!membership) throw new EmulatorError(404, 'resource_not_found', 'No such member.');
    return membership;
  }

  function assertAnotherAdmin(organizationId: string, leaving: StoredMembership): void {
    const admins = store.membershipsOfOrganization(organizationId).filter((m) => m.role === 'org:admin' && m.id !== leaving.id);
    if (admins.length === 0) {
      throw new EmulatorError(422, 'organization_minimum_admins', 'An organization needs at least one admin.');
    }
  }

  function uniqueSlug(slug: string, chosen: boolean): string {
    const problem = slugProblem(slug);
    if (problem) throw formError('form_param_format_invalid', problem, 'slug');
    const free = freeSlug(slug, chosen, (candidate) => store.organizationByIdOrSlug(candidate) !== undefined);
    if (free === null) throw formError('form_identifier_exists', 'This slug is already taken.', 'slug');
    return free;
  }

  return router;
}

function roleJson(key: (typeof ORGANIZATION_ROLE_KEYS)[number]) {
  const role = ORGANIZATION_ROLES[key];
  return {
    object: 'role',
    id: `role_${key.replace('org:', '')}`,
    key: role.key,
    name: role.name,
    description: '',
    is_creator_eligible: key === 'org:admin',
    permissions: role.permissions.map((permission) => ({
      object: 'permission',
      id: `perm_${permission.replace(/:/g, '_')}`,
      key: permission,
      name: permission,
      description: '',
      type: permission.includes(':sys_') ? 'system' : 'user',
      created_at: 0,
      updated_at: 0,
    })),
    created_at: 0,
    updated_at: 0,
  };
}
