import { z } from 'zod';
import { RoleSchema, type Roles } from './session-claims.ts';

/**
 * The admin dashboard: searching users and setting their app role. The API is
 * the gate (403 for anyone but an app `admin`); these schemas are the contract.
 */
/** Who may call /api/admin: the API's guard and the SPA's mock of it read this one list. */
export const ADMIN_API_ROLES = ['admin'] as const satisfies readonly Roles[];

/** An admin may not remove or downgrade their own admin role (403 `cannot_change_own_role`); `role` null removes it. */
export function changesOwnAdminRole(callerId: string, targetId: string, role: Roles | null): boolean {
  return targetId === callerId && role !== 'admin';
}

export const ADMIN_USERS_PAGE_DEFAULT_LIMIT = 10;
export const ADMIN_USERS_PAGE_MAX_LIMIT = 50;
export const ADMIN_SEARCH_MAX_LENGTH = 100;

/** GET /api/admin/users query string. Offset paging, as Clerk's `getUserList` pages. */
export const AdminUserSearchQuerySchema = z.object({
  /** Matched by Clerk against names, emails and ids; empty lists everyone. */
  query: z
    .string()
    .trim()
    .max(ADMIN_SEARCH_MAX_LENGTH, `Use at most ${ADMIN_SEARCH_MAX_LENGTH} characters`)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Remove control characters')
    .default(''),
  limit: z.coerce
    .number('Send a number')
    .int('Send a whole number')
    .min(1, 'Ask for at least 1 user')
    .max(ADMIN_USERS_PAGE_MAX_LIMIT, `Ask for at most ${ADMIN_USERS_PAGE_MAX_LIMIT} users`)
    .default(ADMIN_USERS_PAGE_DEFAULT_LIMIT),
  offset: z.coerce.number('Send a number').int('Send a whole number').min(0, 'Send 0 or more').max(10_000).default(0),
});
export type AdminUserSearchQuery = z.input<typeof AdminUserSearchQuerySchema>;
export type ValidAdminUserSearchQuery = z.output<typeof AdminUserSearchQuerySchema>;

/** A user as the admin dashboard shows them: an allow-list, never private metadata. */
export const AdminUserSchema = z.object({
  id: z.string(),
  fullName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  imageUrl: z.string(),
  role: z.nullable(RoleSchema),
  createdAt: z.iso.datetime(),
  lastSignInAt: z.iso.datetime().nullable(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUserPageSchema = z.object({
  users: z.array(AdminUserSchema),
  /** Every user matching the query, across pages. */
  totalCount: z.number().int().min(0),
});
export type AdminUserPage = z.infer<typeof AdminUserPageSchema>;

/**
 * PUT /api/admin/users/:id/role sets the role; DELETE /api/admin/users/:id/role
 * removes it. Both answer the updated `AdminUser`. Unknown roles are a 400; an
 * admin removing (or downgrading) their own admin role is a 403
 * `cannot_change_own_role`, so the app always keeps at least the admin acting.
 */
export const SetRoleRequestSchema = z.object({ role: RoleSchema });
export type SetRoleRequest = z.infer<typeof SetRoleRequestSchema>;

/** Clerk user ids: `user_` and base62; anything else is a 400 before any Backend API call. */
export const UserIdSchema = z.string().regex(/^user_[A-Za-z0-9]{1,64}$/, 'Not a user id');
