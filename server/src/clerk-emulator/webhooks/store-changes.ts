import type { JsonContext } from '../http/clerk-json.ts';
import { EmulatorStore, type StoreData, type StoredMembership, type StoredOrganization, type StoredUser } from '../store/store.ts';
import {
  invitationAcceptedEvent,
  invitationEvent,
  membershipEvent,
  organizationDeletedEvent,
  organizationEvent,
  sessionEvent,
  userDeletedEvent,
  userEvent,
  waitlistEntryEvent,
  type EmulatorEvent,
  type EventMeta,
} from './events.ts';

/**
 * The events one store change makes, found by comparing before and after, in an order that never names an unknown
 * reference. Why: docs/webhooks.md, "What the emulator sends in local mode".
 */
export interface ChangeContext {
  /** The emulator's URL, the base of avatar URLs in the JSON. */
  issuer: string;
  meta: EventMeta;
}

interface Diff<T> {
  created: T[];
  updated: T[];
  deleted: T[];
}

// Activity (sign-ins, token refreshes) moves these on every request: an event each would drown the receiver.
// The second factors' secrets move with each code used; turning two-step verification on or off moves mfaEnabledAt/mfaDisabledAt.
const USER_ACTIVITY_FIELDS = new Set(['lastSignInAt', 'lastActiveAt', 'updatedAt', 'totp', 'backupCodes', 'passkeys']);
const TIMESTAMP_ONLY = new Set(['updatedAt']);
// A passkey's use moves its counter and last_used_at: activity too. Adding, renaming or removing one is a change.
const passkeysAsListed = (user: StoredUser) => (user.passkeys ?? []).map(({ id, name }) => [id, name]);

export function eventsForChange(before: StoreData, after: StoreData, context: ChangeContext): EmulatorEvent[] {
  const users = diff(before.users, after.users, USER_ACTIVITY_FIELDS, passkeysAsListed);
  const organizations = diff(before.organizations, after.organizations, TIMESTAMP_ONLY);
  const memberships = diff(before.memberships, after.memberships, TIMESTAMP_ONLY);
  const invitations = diff(before.invitations, after.invitations, TIMESTAMP_ONLY);
  const waitlist = diff(before.waitlistEntries, after.waitlistEntries, TIMESTAMP_ONLY);
  const now = jsonContext(after, context);
  // Deleted memberships are described as they were, with the organization and user they belonged to.
  const then = jsonContext(before, context);
  const { meta } = context;
  return [
    ...users.created.map((user: StoredUser) => userEvent('user.created', user, now, meta)),
    ...organizations.created.map((org: StoredOrganization) => organizationEvent('organization.created', org, now, meta)),
    ...users.updated.map((user) => userEvent('user.updated', user, now, meta)),
    ...organizations.updated.map((org) => organizationEvent('organization.updated', org, now, meta)),
    ...invitations.created.map((i) => invitationEvent('organizationInvitation.created', i, now, meta)),
    ...memberships.created.map((m: StoredMembership) => membershipEvent('organizationMembership.created', m, now, meta)),
    ...invitations.updated.flatMap((i) => {
      if (i.status === 'accepted') return [invitationAcceptedEvent(i, now, meta)];
      return i.status === 'revoked' ? [invitationEvent('organizationInvitation.revoked', i, now, meta)] : [];
    }),
    ...memberships.updated.map((m) => membershipEvent('organizationMembership.updated', m, now, meta)),
    ...memberships.deleted.map((m) => membershipEvent('organizationMembership.deleted', m, then, meta)),
    ...organizations.deleted.map((org) => organizationDeletedEvent(org, meta)),
    ...sessionEvents(before, after, now, then, meta),
    ...users.deleted.map((user) => userDeletedEvent(user, meta)),
    ...waitlist.created.map((entry) => waitlistEntryEvent('waitlistEntry.created', entry, now, meta)),
    ...waitlist.updated.map((entry) => waitlistEntryEvent('waitlistEntry.updated', entry, now, meta)),
  ];
}

/**
 * A session that stops being active: `session.ended` (sign-out), `session.revoked` (signed out from another device),
 * `session.removed` (gone with its user or its idle client). Sign-ins and expiries send nothing (the emulator's choice).
 */
function sessionEvents(before: StoreData, after: StoreData, now: JsonContext, then: JsonContext, meta: EventMeta): EmulatorEvent[] {
  const current = new Map(after.sessions.map((session) => [session.id, session]));
  return before.sessions.flatMap((old) => {
    if (old.status !== 'active') return [];
    const session = current.get(old.id);
    if (!session) return [sessionEvent('session.removed', old, then, meta)];
    if (session.status === 'active') return [];
    return [sessionEvent(session.status === 'revoked' ? 'session.revoked' : 'session.ended', session, now, meta)];
  });
}

function jsonContext(data: StoreData, context: ChangeContext): JsonContext {
  // A read-only view for the serializers' lookups; never persisted (it has no data folder).
  return { store: new EmulatorStore('', data), issuer: context.issuer, now: context.meta.timestamp };
}

function diff<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  ignored: ReadonlySet<string>,
  compared?: (record: T) => unknown,
): Diff<T> {
  const previous = new Map(before.map((record) => [record.id, record]));
  const current = new Set(after.map((record) => record.id));
  return {
    created: after.filter((record) => !previous.has(record.id)),
    updated: after.filter((record) => {
      const old = previous.get(record.id);
      if (old === undefined) return false;
      return fingerprint(old, ignored) !== fingerprint(record, ignored) || JSON.stringify(compared?.(old)) !== JSON.stringify(compared?.(record));
    }),
    deleted: before.filter((record) => !current.has(record.id)),
  };
}

function fingerprint(record: object, ignored: ReadonlySet<string>): string {
  return JSON.stringify(Object.entries(record).filter(([key]) => !ignored.has(key)));
}
