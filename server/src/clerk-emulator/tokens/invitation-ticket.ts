import { createPublicKey, verify } from 'node:crypto';
import type { LocalKeys } from '../../common/local-keys.ts';
import { EmulatorError } from '../http/errors.ts';
import { signJwt } from './session-token.ts';

/**
 * The sign-up ticket of an invitation's link (`__clerk_ticket`), as Clerk's is: a JWT, here signed with the
 * emulator's key, naming the invitation and expiring with it. It carries no state of its own: whether the
 * invitation is still pending (not accepted, not revoked) is read from the store when the ticket is used.
 * Its claims are the invitation's, so the same invitation always gets the same ticket.
 */
const SOURCE_TYPE = 'organization_invitation';

export interface TicketSubject {
  id: string;
  organizationId: string;
  createdAt: number;
  expiresAt: number;
}

export function invitationTicket(invitation: TicketSubject, keys: LocalKeys, issuer: string): string {
  const issuedAt = Math.floor(invitation.createdAt / 1000);
  return signJwt(
    {
      iss: issuer,
      sid: invitation.id,
      oid: invitation.organizationId,
      st: SOURCE_TYPE,
      iat: issuedAt,
      nbf: issuedAt,
      exp: Math.floor(invitation.expiresAt / 1000),
    },
    keys,
  );
}

/** The invitation a ticket names, once its signature and expiry are checked: Clerk's `ticket_invalid_code` / `ticket_expired_code`. */
export function invitationIdOfTicket(ticket: string, keys: LocalKeys, now: number): string {
  const claims = verifiedClaims(ticket, keys);
  if (!claims || claims.st !== SOURCE_TYPE || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') throw invalidTicket();
  if (claims.exp * 1000 <= now) throw expiredTicket();
  return claims.sid;
}

export function invalidTicket(): EmulatorError {
  const message = 'This ticket is invalid. Make sure you are using a valid ticket, not one already used or revoked.';
  return new EmulatorError(400, 'ticket_invalid_code', message, { ticket: [message] });
}

export function expiredTicket(): EmulatorError {
  const message = 'This ticket has expired. Ask for a new invitation.';
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
