import { http, HttpResponse } from 'msw';
import { ProfilePatchSchema, type ProfileResponse } from '#shared/api-contracts';
import { ERROR_CODES } from '#shared/api-error';
import { roleFromClaims } from '#shared/session-claims';
import { directoryUser, updatePersona, type DirectoryUser } from '../../clerk/personas.ts';
import { apiUrl, errorResponse, jsonBody, readSessionClaims, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';

/** The allow-listed fields the real API copies from Clerk's user: no private metadata. */
export function profileFrom(user: DirectoryUser): ProfileResponse {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: user.fullName,
    primaryEmail: user.primaryEmail,
    imageUrl: user.imageUrl,
    role: roleFromClaims({ metadata: user.publicMetadata }),
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}

/** GET /api/me/profile: Clerk's user, through the Backend API, as the real API asks for it. */
export const profileHandlers = {
  default: http.get(apiUrl('/api/me/profile'), async ({ request }) => {
    const claims = await readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    const user = await directoryUser(claims.sub);
    if (!user) return errorResponse(404, ERROR_CODES.notFound, 'No such user.');
    return HttpResponse.json(profileFrom(user));
  }),
  /** Clerk's Backend API is down: the real API answers 503. */
  upstreamUnavailable: http.get(apiUrl('/api/me/profile'), () =>
    errorResponse(503, ERROR_CODES.upstreamUnavailable, 'The identity provider is not reachable right now.'),
  ),
  ...errorVariants('get', '/api/me/profile'),
};

/**
 * PATCH /api/me/profile: the name changes through Clerk's Backend API, as the
 * real API changes it, so clerk-js's `user.reload()` sees it too.
 */
export const profileUpdateHandlers = {
  default: http.patch(apiUrl('/api/me/profile'), async ({ request }) => {
    const claims = await readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    const parsed = ProfilePatchSchema.safeParse(await jsonBody(request));
    if (!parsed.success) return validationFailedResponse(parsed.error);
    if (!(await directoryUser(claims.sub))) return errorResponse(404, ERROR_CODES.notFound, 'No such user.');
    const { firstName, lastName } = parsed.data;
    await updatePersona(claims.sub, { firstName, lastName: lastName || null });
    const user = await directoryUser(claims.sub);
    return user ? HttpResponse.json(profileFrom(user)) : errorResponse(404, ERROR_CODES.notFound, 'No such user.');
  }),
  /** A 400 the form cannot foresee. */
  firstNameRejected: http.patch(apiUrl('/api/me/profile'), () =>
    errorResponse(400, ERROR_CODES.validationFailed, 'Some fields are not valid.', { firstName: ['This name is reserved'] }),
  ),
  ...errorVariants('patch', '/api/me/profile'),
};
