import { http, HttpResponse } from 'msw';
import type { z } from 'zod/mini';
import { ERROR_CODES, type ApiErrorBody } from '#shared/api-error';
import {
  AuthenticatedResponseSchema,
  ClientResponseSchema,
  SignInRequestSchema,
  SignUpRequestSchema,
  TouchSessionRequestSchema,
  type LocalClient,
} from '#shared/local-identity-protocol';
import { env } from '@/config/env.ts';
import { fixtureLocalUser, type FixtureUser } from '@/testing/local-identity/fixture-data.ts';
import {
  addFixtureUser,
  fixtureClientByToken,
  fixtureSession,
  fixtureUserByEmail,
  fixtureUserById,
  startFixtureSession,
  toLocalClient,
} from '@/testing/local-identity/fixture-store.ts';
import { mintFixtureToken } from '@/testing/local-identity/fixture-token.ts';

export { resetLocalIdentityFixtures } from '@/testing/local-identity/fixture-store.ts';

/**
 * The local identity server's Frontend API (shared/local-identity-protocol.ts)
 * in memory, with the seeded accounts. Answers and error codes follow
 * server/src/local-identity/frontend-api.ts.
 */
export const LOCAL_IDENTITY_URL = env.localIdentityUrl;

const url = (path: string) => `${LOCAL_IDENTITY_URL}/v1/client${path}`;

function errorJson(status: number, code: string, message: string, fields?: Record<string, string[]>) {
  const body: ApiErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return HttpResponse.json(body, { status });
}

function validationError(error: z.core.$ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return errorJson(400, ERROR_CODES.validationFailed, 'Some fields are not valid.', fields);
}

function clientTokenOf(request: Request): string | null {
  return /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1] ?? null;
}

async function jsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => ({}));
}

function clientJson(client: LocalClient | null) {
  return HttpResponse.json(ClientResponseSchema.parse({ client }));
}

function signedIn(request: Request, user: FixtureUser) {
  const started = startFixtureSession(user, fixtureClientByToken(clientTokenOf(request)));
  return HttpResponse.json(
    AuthenticatedResponseSchema.parse({
      clientToken: started.client.token,
      client: toLocalClient(started.client),
      createdSessionId: started.session.id,
    }),
  );
}

/** The caller's session, or the error answer the real server gives. */
function callerSession(request: Request, sessionId: string, { activeOnly }: { activeOnly: boolean }) {
  const client = fixtureClientByToken(clientTokenOf(request));
  if (!client) return { error: errorJson(401, ERROR_CODES.unauthenticated, 'Unknown or missing client token; sign in again.') };
  const session = fixtureSession(sessionId);
  if (!session || session.clientId !== client.id) return { error: errorJson(404, 'session_not_found', 'No such session on this client.') };
  if (activeOnly && session.status !== 'active') return { error: errorJson(401, 'session_ended', 'This session has ended; sign in again.') };
  return { client, session };
}

export const localIdentityHandlers = [
  http.get(url(''), ({ request }) => {
    const client = fixtureClientByToken(clientTokenOf(request));
    return clientJson(client ? toLocalClient(client) : null);
  }),

  http.post(url('/sign_ins'), async ({ request }) => {
    const parsed = SignInRequestSchema.safeParse(await jsonBody(request));
    if (!parsed.success) return validationError(parsed.error);
    const user = fixtureUserByEmail(parsed.data.identifier);
    if (!user) {
      const message = "Couldn't find your account.";
      return errorJson(422, 'form_identifier_not_found', message, { identifier: [message] });
    }
    if (user.password !== parsed.data.password) {
      const message = 'Password is incorrect. Try again, or use another method.';
      return errorJson(422, 'form_password_incorrect', message, { password: [message] });
    }
    return signedIn(request, user);
  }),

  http.post(url('/sign_ups'), async ({ request }) => {
    const parsed = SignUpRequestSchema.safeParse(await jsonBody(request));
    if (!parsed.success) return validationError(parsed.error);
    const { emailAddress, password, firstName, lastName } = parsed.data;
    if (fixtureUserByEmail(emailAddress)) {
      const message = 'That email address is taken. Please try another.';
      return errorJson(422, 'form_identifier_exists', message, { emailAddress: [message] });
    }
    return signedIn(request, addFixtureUser({ emailAddress, password, firstName, lastName: lastName || null }));
  }),

  http.post(url('/sessions/:sid/tokens'), ({ request, params }) => {
    const found = callerSession(request, String(params.sid), { activeOnly: true });
    if ('error' in found) return found.error;
    const user = fixtureUserById(found.session.userId)!;
    const memberships = fixtureLocalUser(user).organizationMemberships;
    const jwt = mintFixtureToken({
      userId: user.id,
      sessionId: found.session.id,
      publicMetadata: user.publicMetadata,
      activeMembership: memberships.find((m) => m.organization.id === found.session.lastActiveOrganizationId) ?? null,
      azp: request.headers.get('Origin') ?? globalThis.location?.origin ?? 'http://localhost:5173',
      sessionCreatedAt: found.session.createdAt,
    });
    return HttpResponse.json({ jwt });
  }),

  http.post(url('/sessions/:sid/touch'), async ({ request, params }) => {
    const found = callerSession(request, String(params.sid), { activeOnly: true });
    if ('error' in found) return found.error;
    const parsed = TouchSessionRequestSchema.safeParse(await jsonBody(request));
    if (!parsed.success) return validationError(parsed.error);
    const { activeOrganizationId } = parsed.data;
    const user = fixtureUserById(found.session.userId)!;
    const isMember = fixtureLocalUser(user).organizationMemberships.some((m) => m.organization.id === activeOrganizationId);
    if (activeOrganizationId !== null && !isMember) {
      return errorJson(403, 'not_a_member', 'You are not a member of this organization.');
    }
    found.session.lastActiveOrganizationId = activeOrganizationId;
    found.session.updatedAt = Date.now();
    return clientJson(toLocalClient(found.client));
  }),

  http.post(url('/sessions/:sid/end'), ({ request, params }) => {
    const found = callerSession(request, String(params.sid), { activeOnly: false });
    if ('error' in found) return found.error;
    found.session.status = 'ended';
    found.session.updatedAt = Date.now();
    return clientJson(toLocalClient(found.client));
  }),
];
