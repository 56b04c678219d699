import type { WebhookEvent } from '@clerk/express/webhooks';
import { membershipJson, organizationJson, sessionJson, userJson, type JsonContext } from '../http/clerk-json.ts';
import { invitationJson } from '../http/invitation-json.ts';
import { waitlistEntryJson } from '../http/waitlist-json.ts';
import type { StoredInvitation, StoredMembership, StoredOrganization, StoredSession, StoredUser, StoredWaitlistEntry } from '../store/store.ts';
import type { HttpRequestAttributes } from './request-attributes.ts';

/**
 * Clerk's webhook events: the envelope `{ data, object: 'event', type,
 * timestamp, instance_id, event_attributes }` around the Backend API JSON of
 * the object (private metadata included, as Clerk sends it), or, for
 * deletions of users and organizations, `{ id, object, deleted: true }`. Each
 * builder is checked against @clerk/backend's `WebhookEvent` at compile time.
 */
export interface EventMeta {
  instanceId: string;
  timestamp: number;
  httpRequest: HttpRequestAttributes;
}

export type EmulatorEvent = Extract<
  WebhookEvent,
  {
    type:
      | `user.${string}`
      | `organization.${string}`
      | `organizationMembership.${string}`
      | `organizationInvitation.${string}`
      | `session.${string}`
      | `waitlistEntry.${string}`;
  }
>;

type UserJSON = Extract<WebhookEvent, { type: 'user.created' | 'user.updated' }>['data'];
type EmailAddressJSON = UserJSON['email_addresses'][number];
/**
 * @clerk/backend types an address's verification as a resource with `object`
 * and `id`, which the verification of Clerk's user JSON does not carry (and
 * the SDK does not read): checked without those two, and otherwise whole.
 */
// `organization_memberships` is optional in Clerk's spec and left out: memberships have their own events.
type UserJSONAsSent = Omit<UserJSON, 'email_addresses' | 'organization_memberships'> & {
  email_addresses: (Omit<EmailAddressJSON, 'verification'> & {
    verification: Omit<NonNullable<EmailAddressJSON['verification']>, 'object' | 'id'> | null;
  })[];
};

function envelope<Type extends string, Data>(type: Type, data: Data, meta: EventMeta) {
  return {
    data,
    object: 'event' as const,
    type,
    timestamp: meta.timestamp,
    instance_id: meta.instanceId,
    event_attributes: { http_request: meta.httpRequest },
  };
}

export function userEvent(type: 'user.created' | 'user.updated', user: StoredUser, ctx: JsonContext, meta: EventMeta): EmulatorEvent {
  const data: UserJSONAsSent = userJson(user, ctx);
  return envelope(type, data as unknown as UserJSON, meta) satisfies WebhookEvent;
}

export function userDeletedEvent(user: StoredUser, meta: EventMeta): EmulatorEvent {
  return envelope('user.deleted', { id: user.id, object: 'user', deleted: true }, meta) satisfies WebhookEvent;
}

export function organizationEvent(
  type: 'organization.created' | 'organization.updated',
  organization: StoredOrganization,
  ctx: JsonContext,
  meta: EventMeta,
): EmulatorEvent {
  return envelope(type, organizationJson(organization, ctx), meta) satisfies WebhookEvent;
}

export function organizationDeletedEvent(organization: StoredOrganization, meta: EventMeta): EmulatorEvent {
  return envelope('organization.deleted', { id: organization.id, object: 'organization', deleted: true }, meta) satisfies WebhookEvent;
}

/** Deleted memberships carry the whole membership as it was, as Clerk's do. */
export function membershipEvent(
  type: 'organizationMembership.created' | 'organizationMembership.updated' | 'organizationMembership.deleted',
  membership: StoredMembership,
  ctx: JsonContext,
  meta: EventMeta,
): EmulatorEvent {
  return envelope(type, membershipJson(membership, ctx), meta) satisfies WebhookEvent;
}

type InvitationJSON = Extract<WebhookEvent, { type: 'organizationInvitation.created' | 'organizationInvitation.revoked' }>['data'];
type InvitationAcceptedJSON = Extract<WebhookEvent, { type: 'organizationInvitation.accepted' }>['data'];

/**
 * @clerk/backend types `public_organization_data` as a resource with `object`, which Clerk's spec (and so the
 * emulator) leaves out: cast, as the user's email verification is above.
 */
export function invitationEvent(
  type: 'organizationInvitation.created' | 'organizationInvitation.revoked',
  invitation: StoredInvitation,
  ctx: JsonContext,
  meta: EventMeta,
): EmulatorEvent {
  return envelope(type, invitationJson(invitation, ctx) as unknown as InvitationJSON, meta) satisfies WebhookEvent;
}

/** The accepted invitation names the user who accepted it (`user_id`), as Clerk's does. */
export function invitationAcceptedEvent(invitation: StoredInvitation, ctx: JsonContext, meta: EventMeta): EmulatorEvent {
  const json = invitationJson(invitation, ctx);
  // Clerk's webhooks spec requires the organization again under a nested `data` in this one event: sent as it says.
  const data = {
    ...json,
    status: 'accepted',
    user_id: invitation.acceptedUserId ?? '',
    data: { public_organization_data: json.public_organization_data },
  };
  return envelope('organizationInvitation.accepted', data as unknown as InvitationAcceptedJSON, meta) satisfies WebhookEvent;
}

/** A session's end, revocation or removal, with its user as it is (or null once deleted), as Clerk sends it. */
export function sessionEvent(
  type: 'session.ended' | 'session.revoked' | 'session.removed',
  session: StoredSession,
  ctx: JsonContext,
  meta: EventMeta,
): EmulatorEvent {
  const user = ctx.store.userById(session.userId);
  // An optional string in @clerk/backend's SessionJSON: left out, not null, for the personal account.
  const { last_active_organization_id: organizationId, ...json } = sessionJson(session, ctx);
  const data = {
    ...json,
    // A removed session (its user or client deleted) is told as Clerk names it.
    ...(type === 'session.removed' ? { status: 'removed' } : {}),
    ...(organizationId === null ? {} : { last_active_organization_id: organizationId }),
    object: 'session' as const,
    user: user ? (userJson(user, ctx) as unknown as UserJSON) : null,
  };
  return envelope(type, data, meta) satisfies WebhookEvent;
}

/** A waitlist entry joined (`created`) or invited or rejected (`updated`); Clerk's webhooks have no event for a deletion. */
export function waitlistEntryEvent(
  type: 'waitlistEntry.created' | 'waitlistEntry.updated',
  entry: StoredWaitlistEntry,
  ctx: JsonContext,
  meta: EventMeta,
): EmulatorEvent {
  return envelope(type, waitlistEntryJson(entry, ctx.store, ctx.now), meta) satisfies WebhookEvent;
}
