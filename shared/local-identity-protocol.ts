// zod/mini, not zod: the SPA's local Clerk instance reads every Frontend API
// answer through these schemas, and it loads on every page in local mode, so
// classic zod here would be in the first JavaScript a visitor loads.
import { z } from 'zod/mini';

/**
 * The Frontend API of the local identity server: what the SPA's local Clerk
 * instance speaks in local mode. It stands in for Clerk's own Frontend API, so
 * it is this project's protocol, not Clerk's; the session tokens it mints, its
 * JWKS and its Backend API subset are Clerk's formats exactly.
 *
 * The browser identifies its "client" (Clerk's term for a browser's sign-in
 * state) with an opaque client token, sent as `Authorization: Bearer <token>`.
 * Every path below is relative to the identity server's origin.
 */
export const FRONTEND_API_PATHS = {
  client: '/v1/client',
  signIns: '/v1/client/sign_ins',
  signUps: '/v1/client/sign_ups',
  sessionTokens: (sessionId: string) => `/v1/client/sessions/${encodeURIComponent(sessionId)}/tokens`,
  sessionTouch: (sessionId: string) => `/v1/client/sessions/${encodeURIComponent(sessionId)}/touch`,
  sessionEnd: (sessionId: string) => `/v1/client/sessions/${encodeURIComponent(sessionId)}/end`,
  jwks: '/.well-known/jwks.json',
} as const;

export const LocalOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  imageUrl: z.string(),
});
export type LocalOrganization = z.infer<typeof LocalOrganizationSchema>;

export const LocalMembershipSchema = z.object({
  id: z.string(),
  /** Clerk's full role key, e.g. `org:admin`. */
  role: z.string(),
  roleName: z.string(),
  permissions: z.array(z.string()),
  organization: LocalOrganizationSchema,
});
export type LocalMembership = z.infer<typeof LocalMembershipSchema>;

/** The user as a browser may see it: never private or unsafe metadata. */
export const LocalUserSchema = z.object({
  id: z.string(),
  firstName: z.nullable(z.string()),
  lastName: z.nullable(z.string()),
  imageUrl: z.string(),
  primaryEmailAddressId: z.string(),
  emailAddresses: z.array(z.object({ id: z.string(), emailAddress: z.string() })),
  publicMetadata: z.record(z.string(), z.unknown()),
  organizationMemberships: z.array(LocalMembershipSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastSignInAt: z.nullable(z.number()),
});
export type LocalUser = z.infer<typeof LocalUserSchema>;

export const LocalSessionSchema = z.object({
  id: z.string(),
  status: z.enum(['active', 'ended']),
  lastActiveOrganizationId: z.nullable(z.string()),
  user: LocalUserSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  expireAt: z.number(),
});
export type LocalSession = z.infer<typeof LocalSessionSchema>;

export const LocalClientSchema = z.object({
  id: z.string(),
  /** Only active sessions are listed. */
  sessions: z.array(LocalSessionSchema),
  lastActiveSessionId: z.nullable(z.string()),
});
export type LocalClient = z.infer<typeof LocalClientSchema>;

/** GET /v1/client (an unknown or missing client token answers `{ client: null }`). */
export const ClientResponseSchema = z.object({ client: z.nullable(LocalClientSchema) });
export type ClientResponse = z.infer<typeof ClientResponseSchema>;

/**
 * The email a person types, as the identity server stores it. Checks run in
 * order: trimmed and lower-cased before the format check.
 */
const EmailAddressSchema = z.string().check(z.trim(), z.toLowerCase(), z.email('Enter a valid email address'));

/**
 * zod/mini loads no locale, so a check without a message would say only
 * "Invalid input" in the browser; these spell out the wording the identity
 * server has always answered with (zod's English locale).
 */
const tooLong = (maximum: number) => z.maxLength(maximum, `Too big: expected string to have <=${maximum} characters`);

/** POST /v1/client/sign_ins */
export const SignInRequestSchema = z.object({
  identifier: EmailAddressSchema,
  password: z.string().check(z.minLength(1, 'Enter your password')),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** POST /v1/client/sign_ups */
export const SignUpRequestSchema = z.object({
  emailAddress: EmailAddressSchema,
  password: z.string().check(z.minLength(8, 'Use at least 8 characters'), tooLong(128)),
  firstName: z.string().check(z.trim(), z.minLength(1, 'Enter your first name'), tooLong(50)),
  lastName: z._default(z.string().check(z.trim(), tooLong(50)), ''),
});
export type SignUpRequest = z.infer<typeof SignUpRequestSchema>;

/**
 * Answer to a successful sign-in or sign-up: a new client token (it replaces any
 * previous one) and the client with its new active session.
 */
export const AuthenticatedResponseSchema = z.object({
  clientToken: z.string(),
  client: LocalClientSchema,
  createdSessionId: z.string(),
});
export type AuthenticatedResponse = z.infer<typeof AuthenticatedResponseSchema>;

/** POST /v1/client/sessions/:id/tokens: mints a session token for the request's Origin (its `azp`). */
export const TokenResponseSchema = z.object({ jwt: z.string() });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** POST /v1/client/sessions/:id/touch: sets the active organization (null = personal account). */
export const TouchSessionRequestSchema = z.object({
  activeOrganizationId: z.nullable(z.string()),
});
export type TouchSessionRequest = z.infer<typeof TouchSessionRequestSchema>;

/** Session token lifetime, as Clerk's: 60 seconds. */
export const SESSION_TOKEN_TTL_SECONDS = 60;
