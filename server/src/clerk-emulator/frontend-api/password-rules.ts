import { formError } from './fapi-context.ts';

/**
 * The environment's password settings (environment.ts: 8 to 72 characters, no
 * other rule), enforced wherever a password is set: sign-up, reset, change.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;

export function assertPasswordAllowed(password: string, param: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw formError('form_password_length_too_short', `Passwords must be ${PASSWORD_MIN_LENGTH} characters or more.`, param);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw formError('form_password_length_too_long', `Passwords must be ${PASSWORD_MAX_LENGTH} characters or fewer.`, param);
  }
}
