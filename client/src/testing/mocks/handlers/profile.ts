import { http, HttpResponse } from 'msw';
import type { ProfileResponse } from '#shared/api-contracts';
import { ERROR_CODES } from '#shared/api-error';
import { roleFromClaims } from '#shared/session-claims';
import { avatarUrlFor, type FixtureUser } from '../../local-identity/fixture-data.ts';
import { fixtureUserById } from '../../local-identity/fixture-store.ts';
import { apiUrl, errorResponse, readSessionClaims, unauthenticatedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';

/** The allow-listed fields the real API copies from Clerk's user: no private metadata. */
export function profileFromFixtureUser(user: FixtureUser): ProfileResponse {
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ') || null;
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName,
    primaryEmail: user.emailAddress,
    imageUrl: avatarUrlFor(user.id),
    role: roleFromClaims({ metadata: user.publicMetadata }),
    createdAt: new Date(user.createdAt).toISOString(),
    lastSignInAt: null,
  };
}

/** GET /api/me/profile: the real API asks Clerk's Backend API; this one reads the fixture users. */
export const profileHandlers = {
  default: http.get(apiUrl('/api/me/profile'), ({ request }) => {
    const claims = readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    const user = fixtureUserById(claims.sub);
    if (!user) return errorResponse(404, ERROR_CODES.notFound, 'No such user.');
    return HttpResponse.json(profileFromFixtureUser(user));
  }),
  /** Clerk's Backend API is down: the real API answers 503. */
  upstreamUnavailable: http.get(apiUrl('/api/me/profile'), () =>
    errorResponse(503, ERROR_CODES.upstreamUnavailable, 'The identity provider is not reachable right now.'),
  ),
  ...errorVariants('get', '/api/me/profile'),
};
