import { randomBytes } from 'node:crypto';

/**
 * Sign-in and sign-up attempts in progress, one of each per client, as Clerk
 * keeps them on the client. They live in memory: an attempt is minutes long,
 * and a restart in the middle only means starting the form again.
 */
export const ATTEMPT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type FactorStrategy = 'password' | 'email_code' | 'totp' | 'backup_code';

export interface FactorVerification {
  strategy: FactorStrategy;
  status: 'unverified' | 'verified' | 'failed';
  attempts: number;
  expireAt: number | null;
}

export interface SignInAttempt {
  id: string;
  status: 'needs_identifier' | 'needs_first_factor' | 'needs_second_factor' | 'complete';
  identifier: string | null;
  userId: string | null;
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
