import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { POSTS_MANAGE_PERMISSION, type PostScope } from '#shared/posts';
import { posts } from '../db/schema.ts';
import type { Caller } from '../common/caller.ts';

/**
 * Who may see, edit and delete a post: the only place these rules live, as SQL predicates the repository puts in the
 * very statement that reads or writes (the `permissions` flags are the same predicates). Why: docs/security.md, "Authorization lives where the data is".
 * - see: the author; a caller whose active organization is the post's; app moderators and admins.
 * - edit: the author.
 * - delete: the author; app moderators and admins; for an organization's post, a caller whose active organization it is holding `org:posts:manage`.
 */
export type Actor = Pick<Caller, 'userId' | 'orgId' | 'orgPermissions' | 'role'>;

const TRUE = sql`true`;
const FALSE = sql`false`;

function isStaff(actor: Actor): boolean {
  return actor.role === 'moderator' || actor.role === 'admin';
}

function managesActiveOrganization(actor: Actor): boolean {
  return actor.orgId !== null && actor.orgPermissions.includes(POSTS_MANAGE_PERMISSION);
}

function isAuthor(actor: Actor): SQL {
  return eq(posts.authorId, actor.userId);
}

/** The caller's active organization, from the token; a personal post (null) never matches. */
function inActiveOrganization(actor: Actor): SQL {
  return actor.orgId === null ? FALSE : eq(posts.organizationId, actor.orgId);
}

function anyOf(...conditions: SQL[]): SQL {
  return or(...conditions) ?? FALSE;
}

export function canSee(actor: Actor): SQL {
  return isStaff(actor) ? TRUE : anyOf(isAuthor(actor), inActiveOrganization(actor));
}

/** Includes `canSee`, so a write that matches no row means "hidden or forbidden", never "allowed". */
export function canEdit(actor: Actor): SQL {
  return and(canSee(actor), isAuthor(actor)) ?? FALSE;
}

export function canDelete(actor: Actor): SQL {
  const deleters = [isAuthor(actor)];
  if (isStaff(actor)) deleters.push(TRUE);
  if (managesActiveOrganization(actor)) deleters.push(inActiveOrganization(actor));
  return and(canSee(actor), anyOf(...deleters)) ?? FALSE;
}

/** The `permissions` of a response, as columns of the same select/returning that reads the post. */
export function permissionColumns(actor: Actor): { canEdit: SQL.Aliased<boolean>; canDelete: SQL.Aliased<boolean> } {
  // Named, so a list can select them again from the merge of its branches.
  return {
    canEdit: sql<boolean>`(${canEdit(actor)})`.as('can_edit'),
    canDelete: sql<boolean>`(${canDelete(actor)})`.as('can_delete'),
  };
}

/**
 * The posts a list shows, as conditions a post must meet one of (null: the caller may not ask for `all`). A list rather
 * than their OR, so the repository reads each from its own index. The scopes: docs/security.md, "Authorization lives where the data is".
 */
export function listedIn(actor: Actor, scope: PostScope): [SQL, ...SQL[]] | null {
  if (scope === 'all') return isStaff(actor) ? [TRUE] : null;
  if (scope === 'org') return [inActiveOrganization(actor)];
  // Without an active organization, "the organization's posts" is no branch at all.
  return actor.orgId === null ? [isAuthor(actor)] : [isAuthor(actor), inActiveOrganization(actor)];
}
