import { verifyToken } from '@clerk/backend';
import { HttpResponse } from 'msw';
import type { ZodError } from 'zod';
import { ERROR_CODES, INVALID_FIELDS_MESSAGE, validationFailure, type ApiErrorBody } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { env } from '@/config/env.ts';
import { testEmulator } from '../../clerk/emulator.ts';

/** The claims the mock API reads from a session token, as the real API's clerkMiddleware would. */
export interface SessionTokenPayload {
  sub: string;
  sid: string;
  exp: number;
  [claim: string]: unknown;
}

export function apiUrl(path: string): string {
  return `${env.apiUrl}${path}`;
}

function isSessionPayload(value: unknown): value is SessionTokenPayload {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return typeof claims.sub === 'string' && typeof claims.sid === 'string' && typeof claims.exp === 'number';
}

/**
 * The session claims of the request's Bearer token, or null when there is none or it does not verify: signed by
 * this test's Clerk emulator, unexpired, for this page's origin. Clerk's own `verifyToken`, as the real API's
 * clerkMiddleware verifies it.
 */
export async function readSessionClaims(request: Request): Promise<SessionTokenPayload | null> {
  const match = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '');
  if (!match?.[1]) return null;
  const { keys } = testEmulator();
  const claims = await verifyToken(match[1], { jwtKey: keys.publicKeyPem, authorizedParties: [window.location.origin] }).catch(() => null);
  return isSessionPayload(claims) ? claims : null;
}

export function errorResponse(status: number, code: string, message: string, fields?: Record<string, string[]>) {
  const body: ApiErrorBody = { error: { code, message, ...(fields ? { fields } : {}), requestId: 'req_mock' } };
  return HttpResponse.json(body, { status });
}

export function unauthenticatedResponse() {
  return errorResponse(401, ERROR_CODES.unauthenticated, API_MESSAGES.unauthenticated);
}

/** A 400 with one field's problem, as the API's `invalidField`. */
export function invalidFieldResponse(field: string, message: string) {
  return errorResponse(400, ERROR_CODES.validationFailed, INVALID_FIELDS_MESSAGE, { [field]: [message] });
}

/** A 400 as the real API's error handler makes it from a ZodError, by the same rule. */
export function validationFailedResponse(error: ZodError) {
  const { message, fields } = validationFailure(error.issues);
  return errorResponse(400, ERROR_CODES.validationFailed, message, fields);
}

export function forbiddenResponse(message: string, code: string = ERROR_CODES.forbidden) {
  return errorResponse(403, code, message);
}

/** The JSON body of a request, or null when it is not JSON (the real API answers 400 then). */
export async function jsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => null);
}
