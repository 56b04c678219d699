import { codeStatus } from '../mail/codes.ts';
import { organizationRole } from '#shared/organization-roles';
import { isBackupCodeEnabled, isTotpEnabled, isTwoFactorEnabled } from '../store/second-factors.ts';
import { sessionStatus } from '../store/sessions.ts';
import type { UserLockout } from '../store/user-lockout.ts';
import { passkeysOf } from '../store/passkeys.ts';
import { imageJson } from './image-json.ts';
import type { EmulatorStore, StoredMembership, StoredOrganization, StoredPasskey, StoredSession, StoredUser } from '../store/store.ts';

/**
 * Serializers to Clerk's Backend API JSON: snake_case, an `object` field on
 * every resource, timestamps in milliseconds. Field names follow what
 * @clerk/backend's `User.fromJSON`, `Organization.fromJSON`,
 * `OrganizationMembership.fromJSON` and `Session.fromJSON` read.
 */
export interface JsonContext {
  store: EmulatorStore;
  /** The emulator's own URL, the base of avatar URLs. */
  issuer: string;
  now: number;
  /** Where `locked` and `lockout_expires_in_seconds` come from; never locked when absent (webhooks). */
  lockout?: UserLockout | undefined;
}

/** A registered passkey: verified once, at registration; its challenge (`nonce`) is only in the registration's answer. */
export function passkeyJson(passkey: StoredPasskey) {
  return {
    object: 'passkey' as const,
    id: passkey.id,
    name: passkey.name,
    last_used_at: passkey.lastUsedAt,
    verification: { object: 'verification_passkey', status: 'verified', strategy: 'passkey', attempts: null, expire_at: null },
    created_at: passkey.createdAt,
    updated_at: passkey.updatedAt,
  };
}

export function userJson(user: StoredUser, ctx: JsonContext) {
  const lockout = ctx.lockout?.stateOf(user.id, ctx.now) ?? { locked: false, lockoutExpiresInSeconds: null, verificationAttemptsRemaining: 100 };
  return {
    object: 'user' as const,
    id: user.id,
    external_id: null,
    username: null,
    first_name: user.firstName,
    last_name: user.lastName,
    ...imageJson(ctx.issuer, user),
    primary_email_address_id: user.primaryEmailAddressId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: user.passwordHash !== null,
    two_factor_enabled: isTwoFactorEnabled(user),
    totp_enabled: isTotpEnabled(user),
    backup_code_enabled: isBackupCodeEnabled(user),
    email_addresses: user.emailAddresses.map((address) => emailAddressJson(address, user.updatedAt, ctx)),
    phone_numbers: [],
    web3_wallets: [],
    passkeys: passkeysOf(user).map(passkeyJson),
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    mfa_enabled_at: user.mfaEnabledAt ?? null,
    mfa_disabled_at: user.mfaDisabledAt ?? null,
    // Seeded and signed-up passwords have no recorded change.
    password_last_updated_at: user.passwordUpdatedAt ?? null,
    public_metadata: user.publicMetadata,
    private_metadata: user.privateMetadata,
    unsafe_metadata: user.unsafeMetadata,
    banned: user.banned ?? false,
    locked: lockout.locked,
    deprovisioned: false,
    lockout_expires_in_seconds: lockout.lockoutExpiresInSeconds,
    verification_attempts_remaining: lockout.verificationAttemptsRemaining,
    delete_self_enabled: true,
    create_organization_enabled: true,
    create_organizations_limit: null,
    legal_accepted_at: null,
    locale: null,
    timezone: null,
    last_sign_in_at: user.lastSignInAt,
    last_active_at: user.lastActiveAt,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

export function emailAddressJson(address: StoredUser['emailAddresses'][number], updatedAt: number, ctx: JsonContext) {
  return {
    object: 'email_address' as const,
    id: address.id,
    email_address: address.emailAddress,
    reserved: false,
    verification: emailVerificationJson(address, ctx),
    linked_to: [],
    matches_sso_connection: false,
    created_at: address.createdAt,
    updated_at: updatedAt,
  };
}

/**
 * A verified address: how (`admin` or `email_code`). An added one: null until
 * its code is sent, then the code's state, as Clerk answers it.
 */
function emailVerificationJson(address: StoredUser['emailAddresses'][number], ctx: JsonContext) {
  if (address.verifiedBy !== null) {
    return { status: 'verified' as const, strategy: address.verifiedBy ?? 'admin', attempts: null, expire_at: null };
  }
  const pending = ctx.store.emailCode(address.id);
  if (!pending) return null;
  return { status: codeStatus(pending, ctx.now), strategy: 'email_code', attempts: pending.attempts, expire_at: pending.expireAt };
}

export function organizationJson(org: StoredOrganization, ctx: JsonContext) {
  return {
    object: 'organization' as const,
    id: org.id,
    name: org.name,
    slug: org.slug,
    ...imageJson(ctx.issuer, org),
    members_count: ctx.store.membershipsOfOrganization(org.id).length,
    pending_invitations_count: ctx.store.data.invitations.filter((i) => i.organizationId === org.id && i.status === 'pending').length,
    max_allowed_memberships: 0,
    admin_delete_enabled: true,
    public_metadata: org.publicMetadata,
    private_metadata: org.privateMetadata,
    // An optional string in @clerk/backend's OrganizationJSON: left out, not null, for the seeded organizations nobody created.
    ...(org.createdBy === null ? {} : { created_by: org.createdBy }),
    created_at: org.createdAt,
    updated_at: org.updatedAt,
  };
}

export function membershipJson(membership: StoredMembership, ctx: JsonContext) {
  const role = organizationRole(membership.role);
  const organization = ctx.store.organizationByIdOrSlug(membership.organizationId);
  const user = ctx.store.userById(membership.userId);
  if (!organization || !user) throw new Error(`Membership ${membership.id} points at a missing user or organization`);
  const image = imageJson(ctx.issuer, user);
  return {
    object: 'organization_membership' as const,
    id: membership.id,
    role: role.key,
    role_name: role.name,
    permissions: [...role.permissions],
    public_metadata: membership.publicMetadata,
    private_metadata: membership.privateMetadata,
    organization: organizationJson(organization, ctx),
    public_user_data: {
      user_id: user.id,
      first_name: user.firstName,
      last_name: user.lastName,
      ...image,
      // Deprecated in Clerk's spec, still required there: the same URL.
      profile_image_url: image.image_url,
      identifier: user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId)?.emailAddress ?? '',
    },
    created_at: membership.createdAt,
    updated_at: membership.updatedAt,
  };
}

export function sessionJson(session: StoredSession, ctx: JsonContext) {
  return {
    object: 'session',
    id: session.id,
    client_id: session.clientId,
    user_id: session.userId,
    status: sessionStatus(session, ctx.now),
    last_active_at: session.lastActiveAt,
    last_active_organization_id: session.lastActiveOrganizationId,
    actor: null,
    expire_at: session.expireAt,
    abandon_at: session.expireAt,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

/** Clerk's paginated list: `{ data, total_count }`. */
export function paginatedJson<T>(data: T[], totalCount: number) {
  return { data, total_count: totalCount };
}

/** What `GET /v1/users/count` answers. */
export function totalCountJson(totalCount: number) {
  return { object: 'total_count', total_count: totalCount };
}
