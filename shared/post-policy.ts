import { API_MESSAGES } from './api-messages.ts';
import { POSTS_MANAGE_PERMISSION, type PostScope } from './posts.ts';
import type { Roles } from './session-claims.ts';

/**
 * Who may see, edit, delete and list which posts, as data. The API compiles it
 * to SQL (server/src/posts/post-policy.ts), so the rules run inside the very
 * statement that reads or writes; the SPA's mock API compiles it to predicates
 * over its in-memory posts (client/src/testing/mocks/data/posts-store.ts).
 * Neither restates a rule. Why SQL: docs/security.md, "Authorization lives where the data is".
 *
 * A rule is a list of grants, any of which allows. A grant names which posts
 * it covers, relative to the caller, and, optionally, what the caller must hold
 * (judged from the session token alone).
 */
export type PostRelation = 'any' | 'own' | 'activeOrganization';

export interface PostGrant {
  /** `own`: the caller wrote it; `activeOrganization`: it belongs to the caller's active organization (a personal post never does). */
  posts: PostRelation;
  appRoles?: readonly Roles[];
  orgPermission?: string;
}

export type PostRule = readonly PostGrant[];

/** App moderators and admins: they see and delete every post, and list them all. */
export const POST_STAFF_ROLES = ['moderator', 'admin'] as const satisfies readonly Roles[];

export const POST_POLICY = {
  see: [{ posts: 'own' }, { posts: 'activeOrganization' }, { posts: 'any', appRoles: POST_STAFF_ROLES }],
  /** On top of `see`: a write that matches no row means "hidden or forbidden", never "allowed". */
  edit: [{ posts: 'own' }],
  /** On top of `see`. */
  delete: [{ posts: 'own' }, { posts: 'any', appRoles: POST_STAFF_ROLES }, { posts: 'activeOrganization', orgPermission: POSTS_MANAGE_PERMISSION }],
  /** What GET /api/posts?scope= lists (see POST_SCOPES); a scope that grants the caller nothing is refused. */
  list: {
    'mine-and-org': [{ posts: 'own' }, { posts: 'activeOrganization' }],
    org: [{ posts: 'activeOrganization' }],
    all: [{ posts: 'any', appRoles: POST_STAFF_ROLES }],
  },
} as const satisfies { see: PostRule; edit: PostRule; delete: PostRule; list: Record<PostScope, PostRule> };

/** What the rules read of a caller: the verified token's claims. */
export interface PolicyCaller {
  userId: string;
  orgId: string | null;
  orgPermissions: readonly string[];
  role: Roles | null;
}

function holds(caller: PolicyCaller, grant: PostGrant): boolean {
  if (grant.appRoles && (caller.role === null || !grant.appRoles.includes(caller.role))) return false;
  if (grant.orgPermission !== undefined && !caller.orgPermissions.includes(grant.orgPermission)) return false;
  // Without an active organization, "the organization's posts" are none.
  return grant.posts !== 'activeOrganization' || caller.orgId !== null;
}

/**
 * The posts `rule` grants `caller`, as relations to match any of: empty when
 * it grants nothing, `['any']` when it grants every post. Both compilers start here.
 */
export function grantedRelations(rule: PostRule, caller: PolicyCaller): PostRelation[] {
  const relations = new Set(rule.filter((grant) => holds(caller, grant)).map((grant) => grant.posts));
  return relations.has('any') ? ['any'] : [...relations];
}

export type PostListRefusal = { status: 400; field: 'scope'; message: string } | { status: 403; message: string };

/** Why GET /api/posts refuses `scope` to `caller`, or null: `org` needs an active organization (400); other scopes refuse who they grant nothing (403). */
export function postListRefusal(caller: PolicyCaller, scope: PostScope): PostListRefusal | null {
  if (scope === 'org' && caller.orgId === null) return { status: 400, field: 'scope', message: API_MESSAGES.postListNeedsOrganization };
  if (grantedRelations(POST_POLICY.list[scope], caller).length === 0) return { status: 403, message: API_MESSAGES.postListAllForbidden };
  return null;
}
