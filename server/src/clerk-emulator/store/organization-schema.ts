import { z } from 'zod';
import { ORGANIZATION_ROLE_KEYS } from '#shared/organization-roles';
import { Metadata, Timestamp } from './stored-fields.ts';

/** Organizations, their memberships and their invitations, as the store keeps them. */
export const StoredOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  createdBy: z.string().nullable(),
  /** An uploaded logo, as a user's imageFile. */
  imageFile: z.string().optional(),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const StoredMembershipSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  userId: z.string(),
  role: z.enum(ORGANIZATION_ROLE_KEYS),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const StoredInvitationSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  emailAddress: z.string(),
  role: z.enum(ORGANIZATION_ROLE_KEYS),
  inviterId: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked']),
  // Who accepted it: the user of `organizationInvitation.accepted`.
  acceptedUserId: z.string().optional(),
  // The email's link, with its sign-up ticket (store/invitations.ts); absent for invitations made before tickets.
  url: z.string().nullable().optional(),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  expiresAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export type StoredOrganization = z.infer<typeof StoredOrganizationSchema>;
export type StoredMembership = z.infer<typeof StoredMembershipSchema>;
export type StoredInvitation = z.infer<typeof StoredInvitationSchema>;
