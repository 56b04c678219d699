import { http, HttpResponse } from 'msw';
import { ProfilePatchSchema, type ProfileResponse } from '#shared/api-contracts';
import { ERROR_CODES } from '#shared/api-error';
import { roleFromClaims } from '#shared/session-claims';
import { avatarUrlFor, fullNameOf, personaById, updatePersona, type Persona } from '../../clerk/personas.ts';
import { apiUrl, errorResponse, jsonBody, readSessionClaims, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';

/** The allow-listed fields the real API copies from Clerk's user: no private metadata. */
export function profileFromPersona(user: Persona): ProfileResponse {
  const fullName = fullNameOf(user);
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

/** GET /api/me/profile: the real API asks Clerk's Backend API; this one reads the personas. */
export const profileHandlers = {
  default: http.get(apiUrl('/api/me/profile'), ({ request }) => {
    const claims = readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    const user = personaById(claims.sub);
    if (!user) return errorResponse(404, ERROR_CODES.notFound, 'No such user.');
    return HttpResponse.json(profileFromPersona(user));
  }),
  /** Clerk's Backend API is down: the real API answers 503. */
  upstreamUnavailable: http.get(apiUrl('/api/me/profile'), () =>
    errorResponse(503, ERROR_CODES.upstreamUnavailable, 'The identity provider is not reachable right now.'),
  ),
  ...errorVariants('get', '/api/me/profile'),
};

/**
 * PATCH /api/me/profile: the real API changes the name through Clerk's Backend
 * API; this one changes the persona, so the Clerk test double's
 * `user.reload()` sees the new name too.
 */
export const profileUpdateHandlers = {
  default: http.patch(apiUrl('/api/me/profile'), async ({ request }) => {
    const claims = readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    const parsed = ProfilePatchSchema.safeParse(await jsonBody(request));
    if (!parsed.success) return validationFailedResponse(parsed.error);
    if (!personaById(claims.sub)) return errorResponse(404, ERROR_CODES.notFound, 'No such user.');
    const { firstName, lastName } = parsed.data;
    return HttpResponse.json(profileFromPersona(updatePersona(claims.sub, { firstName, lastName: lastName || null })));
  }),
  /** A 400 the form cannot foresee. */
  firstNameRejected: http.patch(apiUrl('/api/me/profile'), () =>
    errorResponse(400, ERROR_CODES.validationFailed, 'Some fields are not valid.', { firstName: ['This name is reserved'] }),
  ),
  ...errorVariants('patch', '/api/me/profile'),
};
