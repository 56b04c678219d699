import { Router } from 'express';
import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, containsControlCharacters } from '../http/control-characters.ts';
import { EmulatorError } from '../http/errors.ts';
import { notFound, sendClerkJson } from '../http/clerk-http.ts';
import { membershipJson, organizationJson } from '../http/clerk-json.ts';
import { buildMembership } from '../store/invitations.ts';
import { newId } from '../store/ids.ts';
import { ORGANIZATION_ROLE_KEYS } from '#shared/organization-roles';
import { freeSlug, slugProblem, slugify } from '../store/slugs.ts';
import type { EmulatorDeps } from '../deps.ts';
import type { StoredMembership, StoredOrganization } from '../store/store.ts';
import { backendLookups } from './backend-lookups.ts';

/**
 * `clerkClient.organizations.createOrganization`, `updateOrganization` and the membership writes
 * (`createOrganizationMembership`, `updateOrganizationMembership`,
 * `deleteOrganizationMembership`). Unlike the Frontend API these act for the
 * server, so no caller permission is checked; an organization still keeps
 * one admin, as Clerk's does.
 */
const Metadata = z.record(z.string(), z.unknown());
const Role = z.enum(ORGANIZATION_ROLE_KEYS);

const CreateOrganizationSchema = z.strictObject({
  name: z
    .string()
    .refine((name) => !containsControlCharacters(name), CONTROL_CHARACTERS_MESSAGE)
    .trim()
    .min(1)
    .max(256),
  slug: z.string().trim().toLowerCase().optional(),
  created_by: z.string().optional(),
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
});
const UpdateOrganizationSchema = z.object({
  name: z
    .string()
    .refine((name) => !containsControlCharacters(name), CONTROL_CHARACTERS_MESSAGE)
    .trim()
    .min(1)
    .max(256)
    .optional(),
  slug: z.string().trim().toLowerCase().optional(),
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
});
const CreateMembershipSchema = z.strictObject({
  user_id: z.string(),
  role: Role,
  public_metadata: Metadata.optional(),
  private_metadata: Metadata.optional(),
});
const UpdateMembershipSchema = z.strictObject({ role: Role });

function paramError(param: string, code: string, message: string, status = 422): EmulatorError {
  return new EmulatorError(status, code, message, { [param]: [message] });
}

export function backendOrganizationWritesRouter(deps: EmulatorDeps): Router {
  const { store } = deps;
  const { now, context, requireOrganization } = backendLookups(deps);
  const requireMembership = (organizationId: string, userId: string): StoredMembership => {
    const membership = store.membership(userId, organizationId);
    if (!membership) throw notFound('Organization membership');
    return membership;
  };
  const router = Router();

  // The creator (created_by) becomes its first admin, as in Clerk.
  router.post('/organizations', (req, res) => {
    const body = CreateOrganizationSchema.parse(req.body ?? {});
    const creator = body.created_by === undefined ? null : store.userById(body.created_by);
    if (creator === undefined) throw paramError('created_by', 'form_param_value_invalid', 'created_by names no user.');
    const wanted = body.slug ?? slugify(body.name);
    const problem = slugProblem(wanted);
    if (problem) throw paramError('slug', 'form_param_format_invalid', problem);
    const slug = freeSlug(wanted, body.slug !== undefined, (candidate) => store.organizationByIdOrSlug(candidate) !== undefined);
    if (slug === null) throw paramError('slug', 'form_identifier_exists', 'This slug is already taken.');
    const at = now();
    const organization: StoredOrganization = {
      id: newId('org'),
      name: body.name,
      slug,
      createdBy: creator?.id ?? null,
      publicMetadata: body.public_metadata ?? {},
      privateMetadata: body.private_metadata ?? {},
      createdAt: at,
      updatedAt: at,
    };
    store.update((data) => {
      data.organizations.push(organization);
      if (creator) data.memberships.push(buildMembership(organization.id, creator.id, 'org:admin', at));
    });
    sendClerkJson(res, 200, organizationJson(organization, context()));
  });

  // `clerkClient.organizations.updateOrganization`: a new name or slug (a taken slug is refused), or metadata.
  router.patch('/organizations/:id', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const body = UpdateOrganizationSchema.parse(req.body ?? {});
    let slug = organization.slug;
    if (body.slug !== undefined && body.slug !== organization.slug) {
      const problem = slugProblem(body.slug);
      if (problem) throw paramError('slug', 'form_param_format_invalid', problem);
      const free = freeSlug(body.slug, true, (candidate) => store.organizationByIdOrSlug(candidate) !== undefined);
      if (free === null) throw paramError('slug', 'form_identifier_exists', 'This slug is already taken.');
      slug = free;
    }
    store.update(() =>
      Object.assign(organization, {
        name: body.name ?? organization.name,
        slug,
        ...(body.public_metadata ? { publicMetadata: body.public_metadata } : {}),
        ...(body.private_metadata ? { privateMetadata: body.private_metadata } : {}),
        updatedAt: now(),
      }),
    );
    sendClerkJson(res, 200, organizationJson(organization, context()));
  });

  router.post('/organizations/:id/memberships', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const body = CreateMembershipSchema.parse(req.body ?? {});
    if (!store.userById(body.user_id)) throw paramError('user_id', 'resource_not_found', 'user_id names no user.', 404);
    if (store.membership(body.user_id, organization.id)) {
      throw new EmulatorError(400, 'already_a_member_in_organization', 'That user is already a member of this organization.');
    }
    const membership = buildMembership(organization.id, body.user_id, body.role, now());
    membership.publicMetadata = body.public_metadata ?? {};
    membership.privateMetadata = body.private_metadata ?? {};
    store.update((data) => data.memberships.push(membership));
    sendClerkJson(res, 200, membershipJson(membership, context()));
  });

  router.patch('/organizations/:id/memberships/:userId', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const membership = requireMembership(organization.id, req.params.userId);
    const { role } = UpdateMembershipSchema.parse(req.body ?? {});
    if (role !== 'org:admin') assertAnotherAdmin(organization.id, membership);
    store.update(() => Object.assign(membership, { role, updatedAt: now() }));
    sendClerkJson(res, 200, membershipJson(membership, context()));
  });

  router.delete('/organizations/:id/memberships/:userId', (req, res) => {
    const organization = requireOrganization(req.params.id);
    const membership = requireMembership(organization.id, req.params.userId);
    assertAnotherAdmin(organization.id, membership);
    // Serialized before the removal: the answer describes the membership that was deleted.
    const json = membershipJson(membership, context());
    store.update((data) => void (data.memberships = data.memberships.filter((m) => m.id !== membership.id)));
    sendClerkJson(res, 200, json);
  });

  function assertAnotherAdmin(organizationId: string, leaving: StoredMembership): void {
    if (leaving.role !== 'org:admin') return;
    const admins = store.membershipsOfOrganization(organizationId).filter((m) => m.role === 'org:admin' && m.id !== leaving.id);
    if (admins.length === 0) throw new EmulatorError(422, 'organization_minimum_admins', 'An organization needs at least one admin.');
  }

  return router;
}
