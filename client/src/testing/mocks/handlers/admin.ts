import { http, HttpResponse } from 'msw';
import {
  ADMIN_API_ROLES,
  AdminUserSearchQuerySchema,
  changesOwnAdminRole,
  SetRoleRequestSchema,
  UserIdSchema,
  type AdminUser,
  type AdminUserPage,
} from '#shared/admin';
import { ERROR_CODES } from '#shared/api-error';
import { API_MESSAGES } from '#shared/api-messages';
import { roleFromClaims, type Roles } from '#shared/session-claims';
import { directoryUser, searchDirectory, updatePersona, type DirectoryUser } from '../../clerk/personas.ts';
import { apiUrl, errorResponse, forbiddenResponse, jsonBody, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';
import { callerOf } from './me.ts';

const USERS = '/api/admin/users';
const ROLE = '/api/admin/users/:id/role';

/** The allow-list the real API copies from Clerk's user. */
export function adminUserFrom(user: DirectoryUser): AdminUser {
  return {
    id: user.id,
    fullName: user.fullName,
    primaryEmail: user.primaryEmail,
    imageUrl: user.imageUrl,
    role: roleFromClaims({ metadata: user.publicMetadata }),
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}

/** The caller if they are an app admin, else the answer the real API gives. */
async function requireAdmin(request: Request) {
  const caller = await callerOf(request);
  if (!caller) return { refusal: unauthenticatedResponse() };
  if (!ADMIN_API_ROLES.some((role) => role === caller.role)) return { refusal: forbiddenResponse(API_MESSAGES.forbidden) };
  return { caller };
}

/** The target user, or the answer the real API gives: 400 for what cannot be a user id, 404 for an unknown one. */
async function targetUser(id: unknown) {
  const parsed = UserIdSchema.safeParse(id);
  if (!parsed.success) return { refusal: validationFailedResponse(parsed.error) };
  const user = await directoryUser(parsed.data);
  return user ? { user } : { refusal: errorResponse(404, ERROR_CODES.notFound, API_MESSAGES.userNotFound) };
}

function ownRoleRefusal() {
  return forbiddenResponse(API_MESSAGES.cannotChangeOwnRole, ERROR_CODES.cannotChangeOwnRole);
}

async function withRole(user: DirectoryUser, role: Roles | null): Promise<AdminUser> {
  const metadata: Record<string, unknown> = { ...user.publicMetadata };
  if (role) metadata.role = role;
  else delete metadata.role;
  await updatePersona(user.id, { publicMetadata: metadata });
  return adminUserFrom({ ...user, publicMetadata: metadata });
}

const searchDefault = http.get(apiUrl(USERS), async ({ request }) => {
  const { refusal } = await requireAdmin(request);
  if (refusal) return refusal;
  const parsed = AdminUserSearchQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  const { query, limit, offset } = parsed.data;
  const found = await searchDirectory(query, limit, offset);
  const body: AdminUserPage = { users: found.users.map(adminUserFrom), totalCount: found.totalCount };
  return HttpResponse.json(body);
});

const setRoleDefault = http.put(apiUrl(ROLE), async ({ request, params }) => {
  const { caller, refusal } = await requireAdmin(request);
  if (refusal) return refusal;
  const target = await targetUser(params.id);
  if (target.refusal) return target.refusal;
  const parsed = SetRoleRequestSchema.safeParse(await jsonBody(request));
  if (!parsed.success) return validationFailedResponse(parsed.error);
  if (changesOwnAdminRole(caller.userId, target.user.id, parsed.data.role)) return ownRoleRefusal();
  return HttpResponse.json(await withRole(target.user, parsed.data.role));
});

const removeRoleDefault = http.delete(apiUrl(ROLE), async ({ request, params }) => {
  const { caller, refusal } = await requireAdmin(request);
  if (refusal) return refusal;
  const target = await targetUser(params.id);
  if (target.refusal) return target.refusal;
  if (changesOwnAdminRole(caller.userId, target.user.id, null)) return ownRoleRefusal();
  return HttpResponse.json(await withRole(target.user, null));
});

/** The API's answer to the second of two admins demoting each other at once: their own role is gone, so nothing is changed. */
const lastAdminRefusal = () => errorResponse(409, ERROR_CODES.lastAdmin, API_MESSAGES.lastAdmin);

/** The admin endpoints over Clerk's users (the test's emulator), with their failure modes. */
export const adminHandlers = {
  search: { default: searchDefault, ...errorVariants('get', USERS) },
  setRole: { default: setRoleDefault, ...errorVariants('put', ROLE), lastAdmin: http.put(apiUrl(ROLE), lastAdminRefusal) },
  removeRole: { default: removeRoleDefault, ...errorVariants('delete', ROLE), lastAdmin: http.delete(apiUrl(ROLE), lastAdminRefusal) },
};

export const adminDefaultHandlers = [searchDefault, setRoleDefault, removeRoleDefault];
