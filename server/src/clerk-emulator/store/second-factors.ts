import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { EmulatorError } from '../http/errors.ts';
import { newId } from './ids.ts';
import type { EmulatorStore, StoredUser } from './store.ts';

/**
 * Two-step verification as Clerk offers it: an authenticator app (TOTP,
 * RFC 6238: SHA-1, 6 digits, 30 seconds, Clerk's parameters) and backup
 * codes. A code is accepted one step either side of now, for clock drift,
 * and never twice.
 */
export type SecondFactorStrategy = 'totp' | 'backup_code';

const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const BACKUP_CODE_COUNT = 10;
const BACKUP_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BACKUP_CODE_LENGTH = 8;

function totpOf(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({ ...TOTP_PARAMS, issuer, label, secret: Secret.fromBase32(secret) });
}

export function isTotpEnabled(user: StoredUser): boolean {
  return user.totp?.verified === true;
}

export function isBackupCodeEnabled(user: StoredUser): boolean {
  return (user.backupCodes?.codeHashes.length ?? 0) > 0;
}

/** Backup codes alone are no second factor: they stand in for one. */
export function isTwoFactorEnabled(user: StoredUser): boolean {
  return isTotpEnabled(user);
}

export function secondFactorsOf(user: StoredUser): SecondFactorStrategy[] {
  if (!isTwoFactorEnabled(user)) return [];
  return ['totp', ...(isBackupCodeEnabled(user) ? (['backup_code'] as const) : [])];
}

/** The `otpauth://` URI an authenticator app scans: the user's email as label, the application as issuer. */
export function totpUri(user: StoredUser, issuer: string): string | null {
  if (!user.totp) return null;
  const label = user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId)?.emailAddress ?? user.id;
  return totpOf(user.totp.secret, label, issuer).toString();
}

/** A new, unverified secret (replacing an unverified one); refused while a verified one exists, as Clerk does. */
export function startTotpSetup(store: EmulatorStore, user: StoredUser, now: number): NonNullable<StoredUser['totp']> {
  if (isTotpEnabled(user)) throw new EmulatorError(400, 'totp_already_enabled', 'An authenticator app is already set up for this account.');
  const totp = { id: newId('totp'), secret: new Secret({ size: 20 }).base32, verified: false, lastUsedCounter: null, createdAt: now, updatedAt: now };
  store.update(() => {
    user.totp = totp;
  });
  return totp;
}

/**
 * Checks a code against the user's secret; a match moves the last used step
 * on, so the same code (or an older one) is refused afterwards.
 */
export function acceptTotpCode(store: EmulatorStore, user: StoredUser, code: string, now: number): boolean {
  const totp = user.totp;
  if (!totp || !/^\d{6}$/.test(code)) return false;
  const delta = totpOf(totp.secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const counter = TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now }) + delta;
  if (totp.lastUsedCounter !== null && counter <= totp.lastUsedCounter) return false;
  store.update(() => {
    totp.lastUsedCounter = counter;
    totp.updatedAt = now;
  });
  return true;
}

/**
 * The setup's last step: a code from the app turns TOTP (and so two-step
 * verification) on, with a first set of backup codes, all in one change (so
 * one user.updated tells both). Null when the code is wrong.
 */
export function verifyTotpSetup(store: EmulatorStore, user: StoredUser, code: string, now: number): string[] | null {
  if (!user.totp || user.totp.verified) throw new EmulatorError(404, 'resource_not_found', 'No authenticator app set-up is in progress.');
  if (!acceptTotpCode(store, user, code, now)) return null;
  const codes = newBackupCodes();
  store.update(() => {
    user.totp!.verified = true;
    user.backupCodes = { id: newId('bcode'), codeHashes: codes.map(hashBackupCode), createdAt: now, updatedAt: now };
    markMfaChange(user, now);
  });
  return codes;
}

/** Removing the last second factor takes the backup codes with it: they would stand in for nothing. */
export function disableTotp(store: EmulatorStore, user: StoredUser, now: number): void {
  if (!user.totp) throw new EmulatorError(404, 'resource_not_found', 'No authenticator app is set up for this account.');
  store.update(() => {
    delete user.totp;
    delete user.backupCodes;
    markMfaChange(user, now);
  });
}

/** A fresh set of codes, each shown only in this answer; the previous set stops working. */
export function regenerateBackupCodes(store: EmulatorStore, user: StoredUser, now: number): { id: string; codes: string[] } {
  if (!isTwoFactorEnabled(user)) throw new EmulatorError(400, 'second_factor_required', 'Backup codes need another second factor first.');
  const codes = newBackupCodes();
  const backupCodes = { id: newId('bcode'), codeHashes: codes.map(hashBackupCode), createdAt: user.backupCodes?.createdAt ?? now, updatedAt: now };
  store.update(() => {
    user.backupCodes = backupCodes;
    user.updatedAt = now;
  });
  return { id: backupCodes.id, codes };
}

/** A backup code works once: a match is struck off. */
export function consumeBackupCode(store: EmulatorStore, user: StoredUser, code: string, now: number): boolean {
  const hash = hashBackupCode(code.trim().toLowerCase());
  const backupCodes = user.backupCodes;
  if (!backupCodes?.codeHashes.includes(hash)) return false;
  store.update(() => {
    backupCodes.codeHashes = backupCodes.codeHashes.filter((stored) => stored !== hash);
    backupCodes.updatedAt = now;
  });
  return true;
}

export function verifySecondFactor(store: EmulatorStore, user: StoredUser, strategy: SecondFactorStrategy, code: string, now: number): boolean {
  return strategy === 'totp' ? acceptTotpCode(store, user, code, now) : consumeBackupCode(store, user, code, now);
}

function markMfaChange(user: StoredUser, now: number): void {
  if (isTwoFactorEnabled(user)) user.mfaEnabledAt = now;
  else user.mfaDisabledAt = now;
  user.updatedAt = now;
}

function newBackupCodes(): string[] {
  const code = () => Array.from({ length: BACKUP_CODE_LENGTH }, () => BACKUP_CODE_ALPHABET.charAt(randomInt(BACKUP_CODE_ALPHABET.length))).join('');
  return Array.from({ length: BACKUP_CODE_COUNT }, code);
}

function hashBackupCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
