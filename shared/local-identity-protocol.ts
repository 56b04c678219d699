import { z } from 'zod';

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
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  imageUrl: z.string(),
  primaryEmailAddressId: z.string(),
  emailAddresses: z.array(z.object({ id: z.string(), emailAddress: z.string() })),
  publicMetadata: z.record(z.string(), z.unknown()),
  organizationMemberships: z.array(LocalMembershipSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastSignInAt: z.number().nullable(),
});
export type LocalUser = z.infer<typeof LocalUserSchema>;

export const LocalSessionSchema = z.object({
  id: z.string(),
  status: z.enum(['active', 'ended']),
  lastActiveOrganizationId: z.string().nullable(),
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
  lastActiveSessionId: z.string().nullable(),
});
export type LocalClient = z.infer<typeof LocalClientSchema>;

/** GET /v1/client (an unknown or missing client token answers `{ client: null }`). */
export const ClientResponseSchema = z.object({ client: LocalClientSchema.nullable() });
export type ClientResponse = z.infer<typeof ClientResponseSchema>;

/** POST /v1/client/sign_ins */
export const SignInRequestSchema = z.object({
  identifier: z.string().trim().toLowerCase().email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** POST /v1/client/sign_ups */
export const SignUpRequestSchema = z.object({
  emailAddress: z.string().trim().toLowerCase().email('Enter a valid email address'),
  password: z.string().min(8, 'Use at least 8 characters').max(128),
  firstName: z.string().trim().min(1, 'Enter your first name').max(50),
  lastName: z.string().trim().max(50).default(''),
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
  activeOrganizationId: z.string().nullable(),
});
export type TouchSessionRequest = z.infer<typeof TouchSessionRequestSchema>;

/** Session token lifetime, as Clerk's: 60 seconds. */
export const SESSION_TOKEN_TTL_SECONDS = 60;
