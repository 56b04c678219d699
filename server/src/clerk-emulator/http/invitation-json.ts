import { invitationStatus } from '../store/invitations.ts';
import { organizationRole } from '#shared/organization-roles';
import type { StoredInvitation } from '../store/store.ts';
import type { JsonContext } from './clerk-json.ts';
import { imageJson } from './image-json.ts';

/**
 * Clerk's organization invitation as the Backend API and the webhooks send it
 * (private metadata included), and as the Frontend API sends it (without).
 * `url` is the link of the invitation's email, with its sign-up ticket (`__clerk_ticket`,
 * store/invitations.ts); null for invitations stored before tickets were emulated.
 */
export function invitationJson(invitation: StoredInvitation, ctx: JsonContext) {
  const role = organizationRole(invitation.role);
  return {
    object: 'organization_invitation' as const,
    id: invitation.id,
    email_address: invitation.emailAddress,
    role: role.key,
    role_name: role.name,
    organization_id: invitation.organizationId,
    inviter_id: invitation.inviterId,
    public_inviter_data: inviterJson(invitation.inviterId, ctx),
    public_organization_data: publicOrganizationData(invitation.organizationId, ctx),
    status: invitationStatus(invitation, ctx.now),
    public_metadata: invitation.publicMetadata,
    private_metadata: invitation.privateMetadata,
    url: invitation.url ?? null,
    expires_at: invitation.expiresAt,
    created_at: invitation.createdAt,
    updated_at: invitation.updatedAt,
  };
}

export function fapiInvitationJson(invitation: StoredInvitation, ctx: JsonContext) {
  const { private_metadata: _private, ...json } = invitationJson(invitation, ctx);
  return json;
}

function inviterJson(inviterId: string | null, ctx: JsonContext) {
  const inviter = inviterId ? ctx.store.userById(inviterId) : undefined;
  if (!inviter) return null;
  return {
    user_id: inviter.id,
    first_name: inviter.firstName,
    last_name: inviter.lastName,
    ...imageJson(ctx.issuer, inviter),
    identifier: inviter.emailAddresses.find((address) => address.id === inviter.primaryEmailAddressId)?.emailAddress ?? '',
  };
}

function publicOrganizationData(organizationId: string, ctx: JsonContext) {
  const organization = ctx.store.organizationByIdOrSlug(organizationId);
  if (!organization) return null;
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    ...imageJson(ctx.issuer, organization),
  };
}
