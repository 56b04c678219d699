import { createPublicKey, verify } from 'node:crypto';
import type { LocalKeys } from '../../common/local-keys.ts';
import { EmulatorError } from '../http/errors.ts';
import { signJwt } from './session-token.ts';

/**
 * Tickets, as Clerk's are: JWTs, here signed with the emulator's key, naming what they stand for (`sid`) and its
 * kind (`st`), and expiring with it. Three kinds: an organization invitation's and an application invitation's ticket
 * (`__clerk_ticket` of its link) and a Backend API sign-in token. A ticket carries no state of its own: whether its invitation or sign-in token is still
 * pending (not used, not revoked) is read from the store when it is used. Its claims are its subject's, so the same
 * subject always gets the same ticket.
 */
const TICKET_KINDS = ['organization_invitation', 'application_invitation', 'sign_in_token'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export interface TicketSubject {
  id: string;
  createdAt: number;
  expiresAt: number;
}

export function invitationTicket(invitation: TicketSubject & { organizationId: string }, keys: LocalKeys, issuer: string): string {
  return signTicket('organization_invitation', invitation, keys, issuer, { oid: invitation.organizationId });
}

export function applicationInvitationTicket(invitation: TicketSubject, keys: LocalKeys, issuer: string): string {
  return signTicket('application_invitation', invitation, keys, issuer);
}

export function signInTokenTicket(token: TicketSubject, keys: LocalKeys, issuer: string): string {
  return signTicket('sign_in_token', token, keys, issuer);
}

function signTicket(kind: TicketKind, subject: TicketSubject, keys: LocalKeys, issuer: string, extra: Record<string, string> = {}): string {
  const issuedAt = Math.floor(subject.createdAt / 1000);
  const claims = { iss: issuer, sid: subject.id, ...extra, st: kind, iat: issuedAt, nbf: issuedAt, exp: Math.floor(subject.expiresAt / 1000) };
  return signJwt(claims, keys);
}

/** What a ticket stands for, once its signature is checked; null when the emulator did not sign it. */
export function ticketKind(ticket: string, keys: LocalKeys): TicketKind | null {
  const kind = verifiedClaims(ticket, keys)?.st;
  return TICKET_KINDS.find((known) => known === kind) ?? null;
}

/** The invitation a ticket names, once its signature and expiry are checked: Clerk's `ticket_invalid_code` / `ticket_expired_code`. */
export function invitationIdOfTicket(ticket: string, keys: LocalKeys, now: number): string {
  return subjectIdOfTicket('organization_invitation', ticket, keys, now);
}

/** The application invitation a ticket names, checked as an organization invitation's ticket is. */
export function applicationInvitationIdOfTicket(ticket: string, keys: LocalKeys, now: number): string {
  return subjectIdOfTicket('application_invitation', ticket, keys, now);
}

/** The sign-in token a ticket names, checked as an invitation's ticket is. */
export function signInTokenIdOfTicket(ticket: string, keys: LocalKeys, now: number): string {
  return subjectIdOfTicket('sign_in_token', ticket, keys, now);
}

function subjectIdOfTicket(kind: TicketKind, ticket: string, keys: LocalKeys, now: number): string {
  const claims = verifiedClaims(ticket, keys);
  if (!claims || claims.st !== kind || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') throw invalidTicket();
  if (claims.exp * 1000 <= now) throw expiredTicket();
  return claims.sid;
}

export function invalidTicket(): EmulatorError {
  const message = 'This ticket is invalid. Make sure you are using a valid ticket, not one already used or revoked.';
  return new EmulatorError(400, 'ticket_invalid_code', message, { ticket: [message] });
}

export function expiredTicket(): EmulatorError {
  const message = 'This ticket has expired. Ask for a new one.';
  return new EmulatorError(400, 'ticket_expired_code', message, { ticket: [message] });
}

function verifiedClaims(ticket: string, keys: LocalKeys): Record<string, unknown> | null {
  const [header, payload, signature, ...rest] = ticket.split('.');
  if (!header || !payload || !signature || rest.length > 0) return null;
  const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(keys.publicKeyPem), Buffer.from(signature, 'base64url'));
  if (!signed) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
