import type { DeepPartial, EnvironmentJSON } from '@clerk/shared/types';
import { CLERK_DEFAULT_USER_LOCKOUT, type UserLockoutSettings } from '../store/user-lockout.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules.ts';

/**
 * The local instance's settings, as a Clerk development instance would answer `GET /v1/environment`, typed by clerk-js's
 * `EnvironmentJSON`. What is on and off, and why: docs/local-mode.md, "What the emulator answers".
 */
type AttributeSettings = EnvironmentJSON['user_settings']['attributes']['email_address'];

/** Required by Clerk's spec for each attribute, unknown to clerk-js's types: spread in, as below. */
const specOnlyAttribute = { immutable: false };

const off: AttributeSettings = {
  ...specOnlyAttribute,
  enabled: false,
  required: false,
  verifications: [],
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verify_at_sign_up: false,
};

const optionalName: AttributeSettings = { ...off, enabled: true };

/**
 * Fields Clerk's OpenAPI spec marks required that clerk-js 6 no longer reads
 * (so its types lack them); answered anyway, as the real Frontend API does.
 * Spread in, because clerk-js's types would refuse them as literals.
 */
const legacyAuthConfig = {
  first_name: 'on',
  last_name: 'on',
  email_address: 'required',
  phone_number: 'off',
  username: 'off',
  password: 'required',
  identification_requirements: [['email_address']],
  identification_strategies: ['email_address'],
  first_factors: ['password', 'email_code'],
  second_factors: ['totp', 'backup_code'],
  email_address_verification_strategies: ['email_code'],
  enhanced_email_deliverability: false,
  test_mode: true,
  url_based_session_syncing: true,
  native_settings: null,
};

const specOnlyDisplayConfig = {
  oauth_consent_url: '',
  logo_link_url: '',
  experimental_force_oauth_first: false,
  google_one_tap_client_id: '',
  help_url: null,
  logo_url: null,
  favicon_url: null,
  logo_image: null,
  favicon_image: null,
};

const specOnlyOrganizationSettings = { creator_role: 'org:admin' };

const specOnlyUserSettings = {
  saml: { enabled: false },
  // A sign-in or sign-up with an invitation's ticket (`__clerk_ticket`): on, as invitations carry one.
  attributes: { ticket: { ...off, enabled: true } },
  restrictions: {
    allowlist: { enabled: false },
    blocklist: { enabled: false },
    allowlist_blocklist_disabled_on_sign_in: { enabled: false },
    block_email_subaddresses: { enabled: false },
    block_disposable_email_domains: { enabled: false },
  },
};

// The rest of what the spec requires and clerk-js's types lack, each off as configured here.
const specOnlyAttackProtection = {
  pii: { enabled: false },
  email_link: { require_same_client: false },
};
const specOnlySignUp = { captcha_widget_type: 'smart', custom_action_required: false };
const specOnlyPasswordSettings = { disable_password_reverification: false, enforce_hibp_on_sign_in: false };
const specOnlyPasskeySettings = { satisfies_second_factor: false };

/**
 * Passkeys (store/passkeys.ts, frontend-api/passkey-routes.ts, sign-in-passkey.ts): adding, renaming and removing them in
 * `<UserProfile>`, and `<SignIn>`'s "Use passkey" and email-field autofill; no script from the internet, unlike the
 * other features left off here. Tests may turn them off (`passkeys: false`).
 */
export const PASSKEYS_OFFERED = true;

// Clerk's own first factor name for it, which clerk-js's attribute type does not list (it reads the attribute's `enabled`).
const passkeyAttribute: AttributeSettings = {
  ...off,
  enabled: true,
  used_for_first_factor: true,
  first_factors: ['passkey'] as unknown as AttributeSettings['first_factors'],
};
const specOnlyUsernameSettings = { allow_extended_special_characters: false, allow_numeric_usernames: false };
const specOnlyApiKeysSettings = { enabled: false };
// Null as real Clerk sends it (no limit), though its spec says boolean; clerk-js types it `number | null`.
const specOnlyActions = { create_organizations_limit: null };

/** `userLockout`: honoured by the sign-in (store/user-lockout.ts); Clerk's defaults unless a test lowers them. */
export function environmentJson(
  applicationName: string,
  clerkJsVersion: string,
  userLockout: UserLockoutSettings = CLERK_DEFAULT_USER_LOCKOUT,
  passkeys = PASSKEYS_OFFERED,
) {
  return {
    object: 'environment',
    id: 'env_local',
    maintenance_mode: false,
    auth_config: { ...legacyAuthConfig, object: 'auth_config', id: 'aac_local', single_session_mode: true, claimed_at: null, reverification: false },
    api_keys_settings: {
      ...specOnlyApiKeysSettings,
      object: 'api_keys_settings',
      id: 'aks_local',
      user_api_keys_enabled: false,
      orgs_api_keys_enabled: false,
    },
    // Billing off for users and organizations, so Clerk's components offer none; its endpoints refuse as Clerk's do (billing-routes.ts).
    commerce_settings: {
      object: 'commerce_settings',
      id: 'cms_local',
      billing: {
        stripe_publishable_key: null,
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    display_config: displayConfig(applicationName, clerkJsVersion),
    organization_settings: {
      ...specOnlyOrganizationSettings,
      enabled: true,
      max_allowed_memberships: 0,
      force_organization_selection: false,
      actions: { admin_delete: true },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
      slug: { disabled: false },
      organization_creation_defaults: { enabled: false },
    },
    user_settings: {
      ...specOnlyUserSettings,
      attack_protection: {
        ...specOnlyAttackProtection,
        // In Clerk's spec, not in clerk-js's types: spread in like the rest.
        ...{ user_lockout: userLockout },
        enumeration_protection: { enabled: false },
      },
      attributes: {
        ...specOnlyUserSettings.attributes,
        email_address: {
          ...specOnlyAttribute,
          enabled: true,
          required: true,
          verifications: ['email_code'],
          used_for_first_factor: true,
          first_factors: ['email_code'],
          used_for_second_factor: false,
          second_factors: [],
          verify_at_sign_up: true,
        },
        password: { ...off, enabled: true, required: true },
        first_name: optionalName,
        last_name: optionalName,
        phone_number: off,
        username: off,
        web3_wallet: off,
        // Two-step verification (store/second-factors.ts): an authenticator app, and backup codes beside it.
        authenticator_app: { ...off, enabled: true, used_for_second_factor: true, second_factors: ['totp'] },
        backup_code: { ...off, enabled: true, used_for_second_factor: true, second_factors: ['backup_code'] },
        passkey: passkeys ? passkeyAttribute : off,
      },
      // delete_self: "Delete account" in <UserProfile> (frontend-api/delete-me-routes.ts).
      actions: { ...specOnlyActions, delete_self: true, create_organization: true },
      social: {},
      enterprise_sso: { enabled: false, self_serve_directory_sync: false },
      sign_in: { second_factor: { required: false, enabled: true } },
      sign_up: {
        ...specOnlySignUp,
        allowlist_only: false,
        progressive: true,
        captcha_enabled: false,
        mode: 'public',
        legal_consent_enabled: false,
      },
      password_settings: {
        allowed_special_characters: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
        // No breach lookups: they would call an outside service.
        disable_hibp: true,
        ...specOnlyPasswordSettings,
        min_length: PASSWORD_MIN_LENGTH,
        max_length: PASSWORD_MAX_LENGTH,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
      },
      passkey_settings: { ...specOnlyPasskeySettings, allow_autofill: passkeys, show_sign_in_button: passkeys },
      username_settings: { ...specOnlyUsernameSettings, min_length: 4, max_length: 64 },
    },
    protect_config: { object: 'protect_config', id: 'pc_local' },
  } satisfies DeepPartial<EnvironmentJSON>;
}

function displayConfig(applicationName: string, clerkJsVersion: string) {
  return {
    ...specOnlyDisplayConfig,
    object: 'display_config',
    id: 'dc_local',
    application_name: applicationName,
    clerk_js_version: clerkJsVersion,
    instance_environment_type: 'development',
    // Clerk's "Development mode" badge: true to life, and a reminder that this is not Clerk.
    show_devmode_warning: true,
    branded: false,
    preferred_sign_in_strategy: 'password',
    // Captcha would load Cloudflare's script; a null key turns it off.
    captcha_public_key: null,
    captcha_public_key_invisible: null,
    captcha_widget_type: 'invisible',
    captcha_provider: 'turnstile',
    captcha_oauth_bypass: null,
    home_url: '',
    logo_image_url: '',
    favicon_image_url: '',
    sign_in_url: '',
    sign_up_url: '',
    user_profile_url: '',
    organization_profile_url: '',
    create_organization_url: '',
    after_sign_in_url: '',
    after_sign_up_url: '',
    after_sign_out_all_url: '',
    after_sign_out_one_url: '',
    after_switch_session_url: '',
    after_leave_organization_url: '',
    after_create_organization_url: '',
    after_join_waitlist_url: '',
    support_email: '',
    terms_url: '',
    privacy_policy_url: '',
    waitlist_url: '',
    theme: {
      general: {
        color: '#4f46e5',
        background_color: '#ffffff',
        font_family: '',
        font_color: '#0f172a',
        label_font_weight: '500',
        padding: '1em',
        border_radius: '0.5em',
        box_shadow: '0 1px 2px 0 rgb(0 0 0 / 0.05)',
      },
      buttons: { font_color: '#ffffff', font_family: '', font_weight: '500' },
      accounts: { background_color: '#ffffff' },
    },
  } satisfies EnvironmentJSON['display_config'];
}
