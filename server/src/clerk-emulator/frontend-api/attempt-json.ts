import type { JsonContext } from '../http/clerk-json.ts';
import { imageJson } from '../http/image-json.ts';
import { passkeysOf } from '../store/passkeys.ts';
import { secondFactorsOf } from '../store/second-factors.ts';
import type { StoredUser } from '../store/store.ts';
import type { FactorVerification, SignInAttempt, SignUpAttempt } from './attempts.ts';

/**
 * Sign-in and sign-up attempts in Clerk's Frontend API JSON
 * (`sign_in_attempt`, `sign_up_attempt`): the fields clerk-js reads and every
 * field Clerk's OpenAPI spec marks required.
 */
const VERIFICATION_OBJECTS = {
  password: 'verification_password',
  email_code: 'verification_otp',
  reset_password_email_code: 'verification_otp',
  totp: 'verification_totp',
  backup_code: 'verification_backup_code',
  ticket: 'verification_ticket',
  passkey: 'verification_passkey',
} as const;

function verificationJson(verification: FactorVerification | null) {
  if (!verification) return null;
  const object = VERIFICATION_OBJECTS[verification.strategy];
  return {
    object,
    status: verification.status,
    strategy: verification.strategy,
    attempts: verification.attempts,
    expire_at: verification.expireAt,
    // The options clerk-js passes to navigator.credentials.get, until the passkey is verified.
    ...(verification.passkey && verification.status !== 'verified' ? { nonce: verification.passkey.options } : {}),
  };
}

/**
 * What the identified user may sign in with: their passkeys (when they have any), the password (while they have
 * one), a code to the address they gave, and, with a password, resetting it by
 * a code to that address (what makes `<SignIn>` offer "Forgot password?").
 */
function firstFactorsJson(attempt: SignInAttempt, user: StoredUser) {
  const address = user.emailAddresses.find((candidate) => candidate.id === attempt.emailAddressId);
  if (!address) return null;
  const toAddress = { safe_identifier: address.emailAddress, email_address_id: address.id, primary: address.id === user.primaryEmailAddressId };
  const hasPassword = user.passwordHash !== null;
  return [
    ...(passkeysOf(user).length > 0 ? [{ strategy: 'passkey' }] : []),
    ...(hasPassword ? [{ strategy: 'password' }] : []),
    { strategy: 'email_code', ...toAddress },
    ...(hasPassword ? [{ strategy: 'reset_password_email_code', ...toAddress }] : []),
  ];
}

export function signInJson(attempt: SignInAttempt, ctx: JsonContext) {
  const user = attempt.userId ? ctx.store.userById(attempt.userId) : undefined;
  const factors = user ? firstFactorsJson(attempt, user) : null;
  return {
    object: 'sign_in_attempt',
    id: attempt.id,
    status: attempt.status,
    supported_identifiers: ['email_address'],
    supported_first_factors: attempt.status === 'needs_identifier' ? [] : factors,
    supported_second_factors: user && attempt.status !== 'needs_identifier' ? secondFactorsJson(user) : null,
    first_factor_verification: verificationJson(attempt.firstFactor),
    second_factor_verification: verificationJson(attempt.secondFactor ?? null),
    identifier: attempt.identifier,
    user_data: user ? { first_name: user.firstName, last_name: user.lastName, ...imageJson(ctx.issuer, user) } : null,
    created_session_id: attempt.createdSessionId,
    abandon_at: attempt.abandonAt,
  };
}

function secondFactorsJson(user: StoredUser) {
  const factors = secondFactorsOf(user);
  return factors.length > 0 ? factors.map((strategy) => ({ strategy })) : null;
}

export function signUpJson(attempt: SignUpAttempt) {
  const emailVerified = attempt.emailVerification?.status === 'verified';
  const missing = [...(attempt.emailAddress ? [] : ['email_address']), ...(attempt.passwordHash ? [] : ['password'])];
  const verification = attempt.emailVerification;
  return {
    object: 'sign_up_attempt',
    id: attempt.id,
    status: attempt.status,
    required_fields: ['email_address', 'password'],
    optional_fields: ['first_name', 'last_name'],
    missing_fields: missing,
    unverified_fields: attempt.emailAddress && !emailVerified ? ['email_address'] : [],
    verifications: {
      email_address: attempt.emailAddress
        ? {
            ...verificationJson(verification ?? { strategy: 'email_code', status: 'unverified', attempts: 0, expireAt: null }),
            next_action: emailVerified ? '' : verification ? 'needs_attempt' : 'needs_prepare',
            supported_strategies: ['email_code'],
          }
        : null,
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: null,
    email_address: attempt.emailAddress,
    phone_number: null,
    web3_wallet: null,
    password_enabled: attempt.passwordHash !== null,
    has_password: attempt.passwordHash !== null,
    first_name: attempt.firstName,
    last_name: attempt.lastName,
    unsafe_metadata: {},
    public_metadata: {},
    custom_action: false,
    external_id: null,
    external_account_strategy: null,
    external_account: null,
    created_session_id: attempt.createdSessionId,
    created_user_id: attempt.createdUserId,
    abandon_at: attempt.abandonAt,
    legal_accepted_at: null,
    locale: null,
    timezone: null,
  };
}
