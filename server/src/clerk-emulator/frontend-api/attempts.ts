import { randomBytes } from 'node:crypto';
import { checkCode, codeStatus, type PendingCode } from '../mail/codes.ts';
import type { PasskeyCeremony } from '../store/passkeys.ts';

/** The invitation a sign-up's ticket named (invitation-ticket.ts checks it): which kind, and its id. */
export interface TicketInvitation {
  kind: 'organization' | 'application';
  id: string;
}

/**
 * Sign-in and sign-up attempts in progress, one of each per client, as Clerk
 * keeps them on the client. They live in memory: an attempt is minutes long,
 * and a restart in the middle only means starting the form again.
 */

export const ATTEMPT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type FactorStrategy = 'password' | 'email_code' | 'reset_password_email_code' | 'totp' | 'backup_code' | 'ticket' | 'passkey';

export interface FactorVerification {
  strategy: FactorStrategy;
  status: 'unverified' | 'verified' | 'failed' | 'expired';
  attempts: number;
  expireAt: number | null;
  /** The code sent, for the code strategies; never in the JSON. */
  pending?: PendingCode;
  /** For `passkey`: the request options handed to the browser (the JSON's `nonce`) and what the assertion must match. */
  passkey?: PasskeyCeremony & { options: string };
}

/** An invitation's ticket: it proves the address as it is given, no code sent. */
export function ticketVerification(expireAt: number): FactorVerification {
  return { strategy: 'ticket', status: 'verified', attempts: 0, expireAt };
}

/** A verification waiting for the code just sent. */
export function codeVerification(strategy: FactorStrategy, pending: PendingCode): FactorVerification {
  return { strategy, status: 'unverified', attempts: 0, expireAt: pending.expireAt, pending };
}

/**
 * One try of a code (mail/codes.ts): the verification is `verified` when it
 * matches, or takes the status Clerk answers (`failed`, `expired`) before the
 * refusal is thrown.
 */
export function attemptCode(verification: FactorVerification, code: string, now: number): void {
  const { pending } = verification;
  if (!pending) throw new Error('a code verification without its code');
  verification.attempts += 1;
  try {
    checkCode(pending, code, now);
  } catch (error) {
    verification.status = codeStatus(pending, now);
    throw error;
  }
  verification.status = 'verified';
}

export interface SignInAttempt {
  id: string;
  status: 'needs_identifier' | 'needs_first_factor' | 'needs_second_factor' | 'needs_new_password' | 'complete';
  identifier: string | null;
  userId: string | null;
  /** The address the identifier named: codes go to it. */
  emailAddressId: string | null;
  firstFactor: FactorVerification | null;
  /** Absent until a first factor of a user with two-step verification succeeds. */
  secondFactor?: FactorVerification | null;
  createdSessionId: string | null;
  abandonAt: number;
}

export interface SignUpAttempt {
  id: string;
  status: 'missing_requirements' | 'complete';
  emailAddress: string | null;
  firstName: string | null;
  lastName: string | null;
  passwordHash: string | null;
  emailVerification: FactorVerification | null;
  /** The invitation whose ticket verified the address (invitation-ticket.ts): accepted when the sign-up completes. */
  invitation: TicketInvitation | null;
  createdUserId: string | null;
  createdSessionId: string | null;
  abandonAt: number;
}

interface ClientAttempts {
  signIn?: SignInAttempt;
  signUp?: SignUpAttempt;
}

export class AttemptStore {
  readonly #byClient = new Map<string, ClientAttempts>();

  of(clientId: string): ClientAttempts {
    return this.#byClient.get(clientId) ?? {};
  }

  setSignIn(clientId: string, attempt: SignInAttempt): SignInAttempt {
    this.#byClient.set(clientId, { ...this.of(clientId), signIn: attempt });
    return attempt;
  }

  setSignUp(clientId: string, attempt: SignUpAttempt): SignUpAttempt {
    this.#byClient.set(clientId, { ...this.of(clientId), signUp: attempt });
    return attempt;
  }

  /** A finished or abandoned flow leaves the client, as Clerk's does. */
  clear(clientId: string): void {
    this.#byClient.delete(clientId);
  }
}

export function newAttemptId(prefix: 'sia' | 'sua'): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}
