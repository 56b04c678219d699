import { ERROR_CODES } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { isActiveOrganizationAdmin } from '#shared/organizations';
import { HttpError } from '../common/http-error.ts';
import type { Caller } from '../common/caller.ts';

/**
 * An admin of organization `slug`, with it active in the token: decided from
 * the verified token alone, so a refusal costs no Backend API call and says
 * nothing about whether the organization exists.
 */
export function requireOrganizationAdmin(caller: Caller, slug: string): asserts caller is Caller & { orgId: string } {
  if (caller.orgId === null || !isActiveOrganizationAdmin(caller, slug)) throw notOrganizationAdmin();
}

export function notOrganizationAdmin(): HttpError {
  return new HttpError(403, ERROR_CODES.forbidden, API_MESSAGES.notOrganizationAdmin);
}
