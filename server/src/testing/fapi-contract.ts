import { z } from 'zod';

/**
 * Clerk's Frontend API objects as Clerk's OpenAPI spec defines them
 * (github.com/clerk/openapi-specs, fapi/2026-05-12.yml, MIT): our own zod
 * schemas written from the spec's `required` lists and types, so a field Clerk
 * marks required can never be missing from an emulator answer. Objects a
 * browser sees are strict about one more thing the spec cannot say: no
 * private metadata.
 */
const timestamp = z.number().int();
const nullableString = z.string().nullable();
const metadata = z.record(z.string(), z.unknown());
const noPrivateMetadata = { private_metadata: z.never().optional() };

export const TokenSchema = z.object({ object: z.literal('token'), jwt: z.string() });

const VerificationSchema = z.object({ status: z.string(), strategy: z.string() }).loose();

export const EmailAddressSchema = z.object({
  id: z.string(),
  object: z.literal('email_address'),
  email_address: z.string(),
  verification: VerificationSchema.nullable(),
  linked_to: z.array(z.unknown()),
  reserved: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const OrganizationSchema = z.object({
  object: z.literal('organization'),
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  has_image: z.boolean(),
  max_allowed_memberships: z.number().int(),
  admin_delete_enabled: z.boolean(),
  public_metadata: metadata,
  created_at: timestamp,
  updated_at: timestamp,
  ...noPrivateMetadata,
});

export const PublicUserDataSchema = z.object({
  first_name: nullableString,
  last_name: nullableString,
  identifier: z.string(),
  has_image: z.boolean(),
});

export const OrganizationMembershipSchema = z.object({
  object: z.literal('organization_membership'),
  id: z.string(),
  public_metadata: metadata,
  role: z.string(),
  role_name: z.string(),
  permissions: z.array(z.string()).nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  organization: OrganizationSchema,
  public_user_data: PublicUserDataSchema.nullable().optional(),
  ...noPrivateMetadata,
});

export const UserSchema = z.object({
  id: z.string(),
  object: z.literal('user'),
  username: nullableString,
  first_name: nullableString,
  last_name: nullableString,
  has_image: z.boolean(),
  primary_email_address_id: nullableString,
  primary_phone_number_id: nullableString,
  primary_web3_wallet_id: nullableString,
  password_enabled: z.boolean(),
  two_factor_enabled: z.boolean(),
  totp_enabled: z.boolean(),
  backup_code_enabled: z.boolean(),
  email_addresses: z.array(EmailAddressSchema),
  phone_numbers: z.array(z.unknown()),
  web3_wallets: z.array(z.unknown()),
  passkeys: z.array(z.unknown()),
  external_accounts: z.array(z.unknown()),
  saml_accounts: z.array(z.unknown()),
  enterprise_accounts: z.array(z.unknown()),
  public_metadata: metadata,
  external_id: nullableString,
  last_sign_in_at: timestamp.nullable(),
  banned: z.boolean(),
  locked: z.boolean(),
  lockout_expires_in_seconds: z.number().int().nullable(),
  verification_attempts_remaining: z.number().int().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  delete_self_enabled: z.boolean(),
  create_organization_enabled: z.boolean(),
  last_active_at: timestamp.nullable(),
  mfa_enabled_at: timestamp.nullable(),
  mfa_disabled_at: timestamp.nullable(),
  legal_accepted_at: timestamp.nullable(),
  organization_memberships: z.array(OrganizationMembershipSchema).optional(),
  ...noPrivateMetadata,
});

export const SessionSchema = z.object({
  id: z.string(),
  object: z.literal('session'),
  status: z.enum(['active', 'revoked', 'ended', 'expired', 'removed', 'abandoned']),
  expire_at: timestamp,
  abandon_at: timestamp,
  last_active_at: timestamp,
  last_active_token: TokenSchema.nullable().optional(),
  last_active_organization_id: nullableString,
  public_user_data: PublicUserDataSchema.nullable(),
  factor_verification_age: z.array(z.number().int()),
  user: UserSchema.optional(),
  created_at: timestamp,
  updated_at: timestamp,
});

const SignInFactorSchema = z.object({ strategy: z.string() }).loose();

export const SignInSchema = z.object({
  object: z.literal('sign_in_attempt'),
  id: z.string(),
  status: z.enum([
    'abandoned',
    'needs_identifier',
    'needs_first_factor',
    'needs_second_factor',
    'needs_client_trust',
    'needs_new_password',
    'needs_protect_check',
    'complete',
  ]),
  supported_identifiers: z.array(z.string()),
  supported_first_factors: z.array(SignInFactorSchema).nullable(),
  supported_second_factors: z.array(SignInFactorSchema).nullable(),
  first_factor_verification: VerificationSchema.nullable(),
  second_factor_verification: VerificationSchema.nullable(),
  identifier: nullableString,
  user_data: z.object({ first_name: nullableString, last_name: nullableString, has_image: z.boolean() }).loose().nullable(),
  created_session_id: nullableString,
  abandon_at: timestamp,
});

const SignUpVerificationSchema = z
  .object({ next_action: z.enum(['needs_prepare', 'needs_attempt', '']), supported_strategies: z.array(z.string()) })
  .loose();

export const SignUpSchema = z.object({
  object: z.literal('sign_up_attempt'),
  id: z.string(),
  status: z.enum(['abandoned', 'missing_requirements', 'complete']),
  required_fields: z.array(z.string()),
  optional_fields: z.array(z.string()),
  missing_fields: z.array(z.string()),
  unverified_fields: z.array(z.string()),
  verifications: z.object({
    email_address: SignUpVerificationSchema.nullable(),
    phone_number: SignUpVerificationSchema.nullable(),
    web3_wallet: SignUpVerificationSchema.nullable(),
    external_account: z.unknown().nullable(),
  }),
  username: nullableString,
  email_address: nullableString,
  phone_number: nullableString,
  web3_wallet: nullableString,
  password_enabled: z.boolean(),
  first_name: nullableString,
  last_name: nullableString,
  custom_action: z.boolean(),
  external_id: nullableString,
  created_session_id: nullableString,
  created_user_id: nullableString,
  abandon_at: timestamp,
  legal_accepted_at: timestamp.nullable(),
});

export const ClientSchema = z.object({
  object: z.literal('client'),
  id: z.string(),
  sessions: z.array(SessionSchema),
  sign_in: SignInSchema.nullable(),
  sign_up: SignUpSchema.nullable(),
  last_active_session_id: nullableString,
  last_authentication_strategy: nullableString,
  cookie_expires_at: timestamp.nullable(),
  captcha_bypass: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});

const required = (keys: readonly string[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.unknown().refine((v) => v !== undefined, `${key} is required`)])));

export const EnvironmentSchema = z.object({
  auth_config: required([
    'object',
    'id',
    'first_name',
    'last_name',
    'email_address',
    'phone_number',
    'username',
    'password',
    'identification_requirements',
    'identification_strategies',
    'first_factors',
    'second_factors',
    'email_address_verification_strategies',
    'single_session_mode',
    'enhanced_email_deliverability',
    'test_mode',
    'url_based_session_syncing',
    'claimed_at',
    'reverification',
    'native_settings',
  ]),
  display_config: required([
    'object',
    'id',
    'instance_environment_type',
    'application_name',
    'theme',
    'preferred_sign_in_strategy',
    'home_url',
    'sign_in_url',
    'sign_up_url',
    'user_profile_url',
    'waitlist_url',
    'oauth_consent_url',
    'after_sign_in_url',
    'after_sign_up_url',
    'after_sign_out_one_url',
    'after_sign_out_all_url',
    'after_switch_session_url',
    'after_join_waitlist_url',
    'organization_profile_url',
    'create_organization_url',
    'after_leave_organization_url',
    'after_create_organization_url',
    'logo_link_url',
    'support_email',
    'branded',
    'experimental_force_oauth_first',
    'clerk_js_version',
    'show_devmode_warning',
    'google_one_tap_client_id',
    'help_url',
    'privacy_policy_url',
    'terms_url',
    'logo_url',
    'favicon_url',
    'logo_image',
    'favicon_image',
    'captcha_public_key',
    'captcha_widget_type',
    'captcha_public_key_invisible',
    'captcha_provider',
    'captcha_oauth_bypass',
  ]),
  user_settings: required([
    'attributes',
    'social',
    'saml',
    'enterprise_sso',
    'sign_in',
    'sign_up',
    'restrictions',
    'password_settings',
    'username_settings',
    'actions',
    'attack_protection',
    'passkey_settings',
  ]),
  organization_settings: required(['enabled', 'max_allowed_memberships', 'actions', 'domains', 'creator_role']),
  maintenance_mode: z.boolean(),
});

export const PermissionSchema = z.object({
  object: z.literal('permission'),
  id: z.string(),
  name: z.string(),
  key: z.string(),
  type: z.enum(['system', 'user']),
  created_at: timestamp,
  updated_at: timestamp,
});

export const RoleSchema = z.object({
  object: z.literal('role'),
  id: z.string(),
  name: z.string(),
  key: z.string(),
  is_creator_eligible: z.boolean(),
  permissions: z.array(PermissionSchema),
  created_at: timestamp,
  updated_at: timestamp,
});

/** `{ response, client }`, Clerk's usual envelope; `client` is null only on `GET /v1/client`. */
export function wrapped<T extends z.ZodType>(response: T) {
  return z.object({ response, client: ClientSchema.nullable() });
}

export function paginatedOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total_count: z.number().int() });
}

export const ClerkErrorsSchema = z.object({
  errors: z
    .array(
      z.object({ message: z.string(), long_message: z.string().optional(), code: z.string(), meta: z.record(z.string(), z.unknown()).optional() }),
    )
    .min(1),
});
