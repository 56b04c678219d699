import type { RequestHandler } from 'express';
import { CONTROL_CHARACTERS_MESSAGE, containsControlCharacters, NAME_PARAMS } from '../http/control-characters.ts';
import { EmulatorError } from '../http/errors.ts';
import type { environmentJson } from './environment.ts';

/**
 * What Clerk's Frontend API refuses before any handler runs, in its error
 * shapes: a body parameter the endpoint does not know, or that the
 * environment turns off (`username` while usernames are off), is 422
 * `form_param_unknown`; a strategy the instance does not offer is 422; a name
 * with control characters is 422 `form_param_format_invalid`. The parameters
 * are those of Clerk's spec for each endpoint, plus what clerk-js 6 adds to
 * sign-in and sign-up bodies on its own.
 */
type Environment = ReturnType<typeof environmentJson>;

interface FormRule {
  method: 'POST' | 'PATCH';
  path: RegExp;
  params: readonly string[];
  /** The strategies offered, and the code a strategy outside them gets. */
  strategies?: { offered: readonly string[]; code: string };
}

/** Sent by clerk-js 6 with sign-ins and sign-ups whatever the instance (its `_create`): accepted, as Clerk does. */
const CLERK_JS_EXTRAS = ['locale', 'timezone', 'captcha_token', 'captcha_widget_type', 'captcha_error'];
const REDIRECTS = ['redirect_url', 'action_complete_redirect_url', 'oidc_login_hint', 'oidc_prompt', 'proof_token'];
const SIGN_UP_FIELDS = [...REDIRECTS, 'code', 'email_address', 'email_address_or_phone_number', 'first_name', 'last_name', 'legal_accepted'];
const SIGN_UP_PARAMS = [...SIGN_UP_FIELDS, 'password', 'phone_number', 'strategy', 'ticket', 'token', 'unsafe_metadata', 'username', 'web3_wallet'];

/** Parameters an attribute brings; gone when the environment turns the attribute off. */
const ATTRIBUTE_PARAMS: Record<string, readonly string[]> = {
  email_address: ['email_address', 'primary_email_address_id'],
  phone_number: ['phone_number', 'email_address_or_phone_number', 'primary_phone_number_id', 'phone_number_id'],
  username: ['username'],
  web3_wallet: ['web3_wallet', 'primary_web3_wallet_id', 'web3_wallet_id'],
  first_name: ['first_name'],
  last_name: ['last_name'],
  password: ['password'],
};

type Attributes = Record<
  string,
  {
    enabled: boolean;
    used_for_first_factor?: boolean;
    first_factors?: readonly string[];
    used_for_second_factor?: boolean;
    second_factors?: readonly string[];
    verifications?: readonly string[];
  }
>;

function attributesOf(environment: Environment): Attributes {
  return environment.user_settings.attributes;
}

function disabledParams(environment: Environment): Set<string> {
  const attributes = attributesOf(environment);
  return new Set(Object.entries(ATTRIBUTE_PARAMS).flatMap(([name, params]) => (attributes[name]?.enabled ? [] : params)));
}

/** Sign-in first factors: each enabled identifier's, the password, and the password reset that comes with it. */
function signInStrategies(environment: Environment): string[] {
  const attributes = attributesOf(environment);
  const fromIdentifiers = Object.values(attributes).flatMap((a) => (a.enabled && a.used_for_first_factor ? (a.first_factors ?? []) : []));
  const password = attributes.password?.enabled ? ['password', ...(attributes.email_address?.enabled ? ['reset_password_email_code'] : [])] : [];
  return [...new Set([...fromIdentifiers, ...password])];
}

/** An invitation's ticket, while the environment's `ticket` attribute is on: a way to start a sign-in or a sign-up. */
function ticketStrategy(environment: Environment): string[] {
  return attributesOf(environment).ticket?.enabled ? ['ticket'] : [];
}

/** Sign-up strategies (social, enterprise SSO, invitation tickets): only what the environment turns on. */
function signUpStrategies(environment: Environment): string[] {
  return [...ticketStrategy(environment), ...Object.keys(environment.user_settings.social)];
}

/** Second factors: what each attribute used for one brings (`totp`, `backup_code`). */
function secondFactorStrategies(environment: Environment): string[] {
  return Object.values(attributesOf(environment)).flatMap((a) => (a.enabled && a.used_for_second_factor ? (a.second_factors ?? []) : []));
}

function verificationStrategies(environment: Environment): string[] {
  return Object.values(attributesOf(environment)).flatMap((a) => (a.enabled ? (a.verifications ?? []) : []));
}

export function formRulesFor(environment: Environment): FormRule[] {
  const signIn = { offered: signInStrategies(environment), code: 'strategy_for_user_invalid' };
  const id = '[^/]+';
  return [
    {
      method: 'POST',
      path: /^\/client\/sign_ins$/,
      params: [...CLERK_JS_EXTRAS, ...REDIRECTS, 'code', 'identifier', 'password', 'strategy', 'ticket', 'token', 'transfer', 'trusted_device_id'],
      // A ticket starts a sign-in (it is no factor to prepare or attempt later).
      strategies: { ...signIn, offered: [...signIn.offered, ...ticketStrategy(environment)] },
    },
    {
      method: 'POST',
      path: new RegExp(`^/client/sign_ins/${id}/prepare_first_factor$`),
      params: [
        ...CLERK_JS_EXTRAS,
        ...REDIRECTS,
        'email_address_id',
        'passkey_id',
        'phone_number_id',
        'strategy',
        'trusted_device_id',
        'web3_wallet_id',
      ],
      strategies: signIn,
    },
    {
      method: 'POST',
      path: new RegExp(`^/client/sign_ins/${id}/attempt_first_factor$`),
      params: [...CLERK_JS_EXTRAS, 'code', 'password', 'strategy', 'ticket', 'token', 'trusted_device_id', 'signature', 'public_key_credential'],
      strategies: signIn,
    },
    {
      method: 'POST',
      path: /^\/client\/sign_ups$/,
      params: [...CLERK_JS_EXTRAS, ...SIGN_UP_PARAMS, 'transfer'],
      strategies: { offered: signUpStrategies(environment), code: 'form_param_value_invalid' },
    },
    {
      method: 'PATCH',
      path: new RegExp(`^/client/sign_ups/${id}$`),
      params: [...CLERK_JS_EXTRAS, ...SIGN_UP_PARAMS],
      strategies: { offered: signUpStrategies(environment), code: 'form_param_value_invalid' },
    },
    {
      method: 'POST',
      path: new RegExp(`^/client/sign_ups/${id}/(prepare|attempt)_verification$`),
      params: [...CLERK_JS_EXTRAS, ...REDIRECTS, 'strategy', 'code', 'signature', 'token'],
      strategies: { offered: verificationStrategies(environment), code: 'form_param_value_invalid' },
    },
    {
      method: 'PATCH',
      path: /^\/me$/,
      params: [
        'first_name',
        'last_name',
        'primary_email_address_id',
        'primary_phone_number_id',
        'primary_web3_wallet_id',
        'username',
        'unsafe_metadata',
      ],
    },
    { method: 'POST', path: new RegExp(`^/client/sign_ins/${id}/reset_password$`), params: ['password', 'sign_out_of_other_sessions'] },
    { method: 'POST', path: /^\/me\/email_addresses$/, params: ['email_address'] },
    {
      method: 'POST',
      path: new RegExp(`^/me/email_addresses/${id}/(prepare|attempt)_verification$`),
      params: [...REDIRECTS, 'strategy', 'code'],
      strategies: { offered: verificationStrategies(environment), code: 'form_param_value_invalid' },
    },
    { method: 'POST', path: /^\/me\/change_password$/, params: ['current_password', 'new_password', 'sign_out_of_other_sessions'] },
    { method: 'POST', path: /^\/me\/remove_password$/, params: ['current_password'] },
    {
      method: 'POST',
      path: new RegExp(`^/client/sign_ins/${id}/(prepare|attempt)_second_factor$`),
      params: [...CLERK_JS_EXTRAS, 'code', 'strategy', 'phone_number_id', 'email_address_id', 'public_key_credential'],
      strategies: { offered: secondFactorStrategies(environment), code: 'strategy_for_user_invalid' },
    },
    // POST /me/totp, /me/backup_codes and /me/sessions/{id}/revoke take no body, and Clerk's spec gives them no 422: no rule.
    { method: 'POST', path: /^\/me\/totp\/attempt_verification$/, params: ['code'] },
    // POST /me/passkeys takes no body; the credential comes with the verification.
    {
      method: 'POST',
      path: new RegExp(`^/me/passkeys/${id}/attempt_verification$`),
      params: ['strategy', 'public_key_credential'],
      strategies: { offered: attributesOf(environment).passkey?.enabled ? ['passkey'] : [], code: 'form_param_value_invalid' },
    },
    { method: 'PATCH', path: new RegExp(`^/me/passkeys/${id}$`), params: ['name'] },
    { method: 'POST', path: /^\/organizations$/, params: ['name', 'slug'] },
    { method: 'PATCH', path: new RegExp(`^/organizations/${id}$`), params: ['name', 'slug'] },
    { method: 'PATCH', path: new RegExp(`^/organizations/${id}/memberships/${id}$`), params: ['role'] },
    { method: 'POST', path: new RegExp(`^/organizations/${id}/invitations(/bulk)?$`), params: ['email_address', 'role', 'notify'] },
    { method: 'POST', path: /^\/waitlist$/, params: ['email_address'] },
    { method: 'POST', path: new RegExp(`^/organizations/${id}/invitations/${id}/revoke$`), params: [] },
    { method: 'POST', path: new RegExp(`^/me/organization_invitations/${id}/accept$`), params: [] },
    { method: 'POST', path: new RegExp(`^/client/sessions/${id}/touch$`), params: ['active_organization_id', 'intent'] },
    // clerk-js 6.40 adds the tab's state (focused, visible, hidden) and, with a session minter, the last token.
    { method: 'POST', path: new RegExp(`^/client/sessions/${id}/tokens$`), params: ['organization_id', 'tab_state', 'token', 'force_origin'] },
  ];
}

/** Mounted on the Frontend API's `/v1`, after the body parser and the method override. */
export function refuseWhatClerkRefuses(environment: Environment): RequestHandler {
  const rules = formRulesFor(environment);
  const disabled = disabledParams(environment);
  return (req, _res, next) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rule = rules.find((candidate) => candidate.method === req.method && candidate.path.test(req.path));
    if (rule) {
      assertKnownParams(body, rule.params, disabled);
      assertStrategyOffered(body.strategy, rule.strategies);
    }
    assertNamesPrintable(body);
    next();
  };
}

function assertKnownParams(body: Record<string, unknown>, params: readonly string[], disabled: ReadonlySet<string>): void {
  const unknown = Object.keys(body).filter((param) => !params.includes(param) || disabled.has(param));
  if (unknown.length === 0) return;
  const fields = Object.fromEntries(unknown.map((param) => [param, [`${param} is not a valid parameter for this request.`]]));
  throw new EmulatorError(422, 'form_param_unknown', 'is unknown', fields);
}

function assertStrategyOffered(strategy: unknown, rule: FormRule['strategies']): void {
  if (!rule || strategy === undefined || (typeof strategy === 'string' && rule.offered.includes(strategy))) return;
  const message =
    rule.code === 'strategy_for_user_invalid'
      ? 'The verification strategy is not valid for this account.'
      : `strategy does not match one of the allowed values: ${rule.offered.join(', ') || 'none'}.`;
  throw new EmulatorError(422, rule.code, message, { strategy: [message] });
}

function assertNamesPrintable(body: Record<string, unknown>): void {
  const bad = NAME_PARAMS.filter((param) => typeof body[param] === 'string' && containsControlCharacters(body[param]));
  if (bad.length === 0) return;
  const fields = Object.fromEntries(bad.map((param) => [param, [`${param} ${CONTROL_CHARACTERS_MESSAGE}.`]]));
  throw new EmulatorError(422, 'form_param_format_invalid', 'is invalid', fields);
}
