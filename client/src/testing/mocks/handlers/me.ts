import { __experimental_JWTPayloadToAuthObjectProperties as authFromClaims } from '@clerk/shared/jwtPayloadParser';
import type { JwtPayload } from '@clerk/shared/types';
import { http, HttpResponse } from 'msw';
import type { MeResponse } from '#shared/api-contracts';
import { roleFromClaims } from '#shared/session-claims';
import { apiUrl, readSessionClaims, unauthenticatedResponse, type SessionTokenPayload } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';

/** The real API reads these through clerkMiddleware; the same Clerk parser reads them here. */
export function meFromClaims(claims: SessionTokenPayload): MeResponse {
  const auth = authFromClaims(claims as JwtPayload);
  return {
    userId: claims.sub,
    sessionId: claims.sid,
    orgId: auth.orgId ?? null,
    orgSlug: auth.orgSlug ?? null,
    orgRole: auth.orgRole ?? null,
    orgPermissions: auth.orgPermissions ?? [],
    role: roleFromClaims(claims),
  };
}

/** GET /api/me */
export const meHandlers = {
  default: http.get(apiUrl('/api/me'), async ({ request }) => {
    const claims = await readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    return HttpResponse.json(meFromClaims(claims));
  }),
  ...errorVariants('get', '/api/me'),
};

/** Who is calling, as the real API's requireUser reads the token; null when there is no valid one. */
export async function callerOf(request: Request): Promise<MeResponse | null> {
  const claims = await readSessionClaims(request);
  return claims ? meFromClaims(claims) : null;
}
