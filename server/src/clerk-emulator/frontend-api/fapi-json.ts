import { membershipJson, organizationJson, userJson, type JsonContext } from '../http/clerk-json.ts';
import { imageJson } from '../http/image-json.ts';
import { activeSessionsOfClient, sessionStatus } from '../store/sessions.ts';
import type { StoredClient, StoredMembership, StoredSession, StoredUser } from '../store/store.ts';
import type { SignInAttempt, SignUpAttempt } from './attempts.ts';
import { signInJson, signUpJson } from './attempt-json.ts';

/**
 * Frontend API JSON: the Backend API's resources (clerk-json.ts) without what
 * only a server may see (private metadata), plus what a browser's client
 * needs (memberships on the user, the session's last token). The contract
 * test checks every answer against the fields Clerk's OpenAPI spec marks
 * required.
 */
export interface FrontendJsonContext extends JsonContext {
  /** Mints the session's current token for the asking page, or null when the request names no allowed origin. */
  lastActiveToken: (session: StoredSession) => string | null;
  signIn?: SignInAttempt | undefined;
  signUp?: SignUpAttempt | undefined;
}

function withoutPrivateMetadata<T extends { private_metadata?: unknown }>(json: T): Omit<T, 'private_metadata'> {
  const { private_metadata: _private, ...rest } = json;
  return rest;
}

export function fapiOrganization(organization: Parameters<typeof organizationJson>[0], ctx: JsonContext) {
  return withoutPrivateMetadata(organizationJson(organization, ctx));
}

export function fapiMembership(membership: StoredMembership, ctx: JsonContext) {
  const json = withoutPrivateMetadata(membershipJson(membership, ctx));
  return { ...json, organization: withoutPrivateMetadata(json.organization) };
}

export function fapiUser(user: StoredUser, ctx: JsonContext) {
  const json = withoutPrivateMetadata(userJson(user, ctx));
  const memberships = ctx.store.membershipsOfUser(user.id).map((membership) => fapiMembership(membership, ctx));
  return { ...json, organization_memberships: memberships };
}

export function publicUserData(user: StoredUser, ctx: JsonContext) {
  const primary = user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId);
  return {
    user_id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    ...imageJson(ctx.issuer, user),
    identifier: primary?.emailAddress ?? '',
  };
}

export function fapiSession(session: StoredSession, user: StoredUser, ctx: FrontendJsonContext) {
  const jwt = ctx.lastActiveToken(session);
  return {
    object: 'session',
    id: session.id,
    status: sessionStatus(session, ctx.now),
    expire_at: session.expireAt,
    abandon_at: session.expireAt,
    last_active_at: session.lastActiveAt,
    last_active_organization_id: session.lastActiveOrganizationId,
    last_active_token: jwt ? { object: 'token', jwt } : null,
    actor: null,
    tasks: null,
    user: fapiUser(user, ctx),
    public_user_data: publicUserData(user, ctx),
    // Minutes since the first factor was verified; no second factor locally.
    factor_verification_age: [Math.max(0, Math.floor((ctx.now - session.createdAt) / 60_000)), -1],
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

/** The browser's client: its active sessions (the last one current) and any sign-in or sign-up in progress. */
export function fapiClient(client: StoredClient, ctx: FrontendJsonContext) {
  const sessions = activeSessionsOfClient(ctx.store, client.id, ctx.now).flatMap((session) => {
    const user = ctx.store.userById(session.userId);
    return user ? [fapiSession(session, user, ctx)] : [];
  });
  return {
    object: 'client',
    id: client.id,
    sessions,
    sign_in: ctx.signIn ? signInJson(ctx.signIn, ctx) : null,
    sign_up: ctx.signUp ? signUpJson(ctx.signUp) : null,
    last_active_session_id: sessions.at(-1)?.id ?? null,
    last_authentication_strategy: null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}
