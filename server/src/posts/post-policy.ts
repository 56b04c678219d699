import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { POST_POLICY, grantedRelations, type PostRelation, type PostRule } from '#shared/post-policy';
import type { PostScope } from '#shared/posts';
import { posts } from '../db/schema.ts';
import type { Caller } from '../common/caller.ts';

/**
 * Who may see, edit and delete a post: the rules of shared/post-policy.ts
 * compiled to SQL predicates, which the repository puts in the very statement
 * that reads or writes (the `permissions` flags are the same predicates).
 * Why: docs/security.md, "Authorization lives where the data is".
 */
export type Actor = Pick<Caller, 'userId' | 'orgId' | 'orgPermissions' | 'role'>;

const TRUE = sql`true`;
const FALSE = sql`false`;

function relationSql(actor: Actor, relation: PostRelation): SQL {
  switch (relation) {
    case 'any':
      return TRUE;
    case 'own':
      return eq(posts.authorId, actor.userId);
    case 'activeOrganization':
      // grantedRelations drops this relation when no organization is active; a personal post (null) never matches.
      return actor.orgId === null ? FALSE : eq(posts.organizationId, actor.orgId);
  }
}

/** The posts `rule` grants `actor`, one condition per relation. */
function branches(actor: Actor, rule: PostRule): SQL[] {
  return grantedRelations(rule, actor).map((relation) => relationSql(actor, relation));
}

function anyOf(conditions: SQL[]): SQL {
  return or(...conditions) ?? FALSE;
}

export function canSee(actor: Actor): SQL {
  return anyOf(branches(actor, POST_POLICY.see));
}

/** Includes `canSee`, so a write that matches no row means "hidden or forbidden", never "allowed". */
export function canEdit(actor: Actor): SQL {
  return and(canSee(actor), anyOf(branches(actor, POST_POLICY.edit))) ?? FALSE;
}

export function canDelete(actor: Actor): SQL {
  return and(canSee(actor), anyOf(branches(actor, POST_POLICY.delete))) ?? FALSE;
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
 * The posts a list shows, as conditions a post must meet one of (null: the scope grants the caller nothing). A list
 * rather than their OR, so the repository reads each from its own index. The scopes: docs/security.md, "Authorization lives where the data is".
 */
export function listedIn(actor: Actor, scope: PostScope): [SQL, ...SQL[]] | null {
  const [first, ...rest] = branches(actor, POST_POLICY.list[scope]);
  return first ? [first, ...rest] : null;
}
