import { EmulatorError } from '../http/errors.ts';

/**
 * Clerk's user lockout (`user_settings.attack_protection.user_lockout`): after
 * `max_attempts` failed verifications (wrong passwords, wrong codes) a user is
 * locked for `duration_in_minutes`; while locked every sign-in attempt answers
 * `user_locked`, the right password included, and the Backend API shows
 * `locked: true` with `lockout_expires_in_seconds`. A verified factor starts the
 * count again, and so does the end of a lockout. Kept in memory, as sign-in
 * attempts are: a restart of the emulator unlocks everyone.
 */
export interface UserLockoutSettings {
  enabled: boolean;
  max_attempts: number;
  duration_in_minutes: number;
}

/** Clerk's defaults for a new instance. */
export const CLERK_DEFAULT_USER_LOCKOUT: UserLockoutSettings = { enabled: true, max_attempts: 100, duration_in_minutes: 60 };

export interface LockoutState {
  locked: boolean;
  lockoutExpiresInSeconds: number | null;
  verificationAttemptsRemaining: number;
}

interface Record {
  failures: number;
  lockedUntil: number | null;
}

export class UserLockout {
  readonly #records = new Map<string, Record>();

  constructor(readonly settings: UserLockoutSettings = CLERK_DEFAULT_USER_LOCKOUT) {}

  stateOf(userId: string, now: number): LockoutState {
    const record = this.#current(userId, now);
    const lockedUntil = record?.lockedUntil ?? null;
    return {
      locked: lockedUntil !== null,
      lockoutExpiresInSeconds: lockedUntil === null ? null : Math.ceil((lockedUntil - now) / 1000),
      verificationAttemptsRemaining: Math.max(0, this.settings.max_attempts - (record?.failures ?? 0)),
    };
  }

  /** Refuses any verification of a locked user. */
  assertUnlocked(userId: string, now: number): void {
    const state = this.stateOf(userId, now);
    if (state.locked) throw userLocked(state.lockoutExpiresInSeconds ?? 0, this.settings.duration_in_minutes);
  }

  /** Counts a failed verification; the one that reaches `max_attempts` locks the user and answers `user_locked` itself. */
  recordFailure(userId: string, now: number): void {
    if (!this.settings.enabled) return;
    const record = this.#current(userId, now) ?? { failures: 0, lockedUntil: null };
    record.failures += 1;
    this.#records.set(userId, record);
    if (record.failures >= this.settings.max_attempts) {
      record.lockedUntil = now + this.settings.duration_in_minutes * 60_000;
      this.assertUnlocked(userId, now);
    }
  }

  /** The Backend API's lock: as if the last allowed attempt had just failed. */
  lock(userId: string, now: number): void {
    this.#records.set(userId, { failures: this.settings.max_attempts, lockedUntil: now + this.settings.duration_in_minutes * 60_000 });
  }

  /** The Backend API's unlock: the lockout ends and the count starts again. */
  unlock(userId: string): void {
    this.#records.delete(userId);
  }

  recordSuccess(userId: string): void {
    this.#records.delete(userId);
  }

  /** The user's record, forgotten once its lockout is over. */
  #current(userId: string, now: number): Record | undefined {
    const record = this.#records.get(userId);
    if (record?.lockedUntil != null && record.lockedUntil <= now) {
      this.#records.delete(userId);
      return undefined;
    }
    return record;
  }
}

function userLocked(expiresInSeconds: number, durationInMinutes: number): EmulatorError {
  const message = `Your account is locked. You will be able to try again in ${Math.max(1, Math.ceil(expiresInSeconds / 60))} minutes. For more information, contact support.`;
  return new EmulatorError(403, 'user_locked', message, undefined, {
    lockout_expires_in_seconds: expiresInSeconds,
    duration_in_minutes: durationInMinutes,
  });
}
