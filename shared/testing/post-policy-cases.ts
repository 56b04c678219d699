import { localAccount } from '../local-clerk.ts';

/**
 * Who may see, edit, delete and list which posts, as a table of expected answers that the API's access tests and the
 * client's MSW posts handlers both run, so the mock cannot drift. Pure data. More: docs/testing.md, "What runs against what".
 */
export interface PolicyPersona {
  /** Who the person is: two personas with the same user are one account in two sessions. */
  user: 'author' | 'otherUser' | 'moderator' | 'admin' | 'orgAdmin' | 'orgMember' | 'otherOrgMember';
  /** The app role in the user's public metadata. */
  appRole: 'admin' | 'moderator' | null;
  /** The organization active in the session, with the user's role there; null: the personal account. */
  activeOrganization: { slug: 'acme' | 'globex'; role: 'org:admin' | 'org:member' } | null;
}

/**
 * Each user's id in both suites: the seeded account's (shared/local-clerk.ts) where the table's user plays one; the
 * author and the user in no organization are nobody the seed has.
 */
export const POLICY_USER_IDS: Record<PolicyPersona['user'], string> = {
  author: 'user_test_author',
  otherUser: 'user_test_stranger',
  moderator: localAccount('moderator').id,
  admin: localAccount('admin').id,
  orgAdmin: localAccount('orgAdmin').id,
  orgMember: localAccount('member').id,
  otherOrgMember: localAccount('outsider').id,
};

const acme = (role: 'org:admin' | 'org:member') => ({ slug: 'acme', role }) as const;
const globex = (role: 'org:admin' | 'org:member') => ({ slug: 'globex', role }) as const;

export const POLICY_PERSONAS = {
  author: { user: 'author', appRole: null, activeOrganization: acme('org:member') },
  authorPersonal: { user: 'author', appRole: null, activeOrganization: null },
  otherUser: { user: 'otherUser', appRole: null, activeOrganization: null },
  moderator: { user: 'moderator', appRole: 'moderator', activeOrganization: acme('org:member') },
  admin: { user: 'admin', appRole: 'admin', activeOrganization: globex('org:admin') },
  orgAdmin: { user: 'orgAdmin', appRole: null, activeOrganization: acme('org:admin') },
  orgAdminElsewhere: { user: 'orgAdmin', appRole: null, activeOrganization: null },
  orgMember: { user: 'orgMember', appRole: null, activeOrganization: acme('org:member') },
  otherOrgMember: { user: 'otherOrgMember', appRole: null, activeOrganization: globex('org:member') },
} as const satisfies Record<string, PolicyPersona>;

export type PolicyPersonaKey = keyof typeof POLICY_PERSONAS;

/** One caller and one post: GET, then PATCH `{ title }`, then DELETE /api/posts/:id, in that order. */
export interface PostAccessCase {
  name: string;
  actor: PolicyPersonaKey;
  get: 200 | 404;
  patch: 200 | 403 | 404;
  remove: 204 | 403 | 404;
}

export interface PostAccessTable {
  post: string;
  /** Who wrote the post, in which session: the post belongs to its active organization. */
  writer: PolicyPersonaKey;
  cases: readonly PostAccessCase[];
}

const row = (name: string, actor: PolicyPersonaKey, get: PostAccessCase['get'], patch: PostAccessCase['patch'], remove: PostAccessCase['remove']) =>
  ({ name, actor, get, patch, remove }) satisfies PostAccessCase;

export const POST_ACCESS_TABLES: readonly PostAccessTable[] = [
  {
    post: 'an Acme post',
    writer: 'author',
    cases: [
      row('the author', 'author', 200, 200, 204),
      row('a user in no organization', 'otherUser', 404, 404, 404),
      row('an app moderator (an Acme member too)', 'moderator', 200, 403, 204),
      row('an app admin (active in Globex)', 'admin', 200, 403, 204),
      row('the Acme org admin (org:posts:manage)', 'orgAdmin', 200, 403, 204),
      row('the Acme org admin with no organization active', 'orgAdminElsewhere', 404, 404, 404),
      row('an Acme member without the permission', 'orgMember', 200, 403, 403),
      row('a Globex member', 'otherOrgMember', 404, 404, 404),
    ],
  },
  {
    post: 'a personal post',
    writer: 'authorPersonal',
    cases: [
      row('the author', 'author', 200, 200, 204),
      row('a user in no organization', 'otherUser', 404, 404, 404),
      row('an app moderator', 'moderator', 200, 403, 204),
      row('an app admin', 'admin', 200, 403, 204),
      row("the org admin of the author's organization", 'orgAdmin', 404, 404, 404),
      row("a member of the author's organization", 'orgMember', 404, 404, 404),
      row('a Globex member', 'otherOrgMember', 404, 404, 404),
    ],
  },
];

/** The posts behind the list cases, written in this order, each by `writer` in that session. */
export const POST_LIST_POSTS = [
  { title: 'Acme', writer: 'author' },
  { title: 'Author, personal', writer: 'authorPersonal' },
  { title: 'Globex', writer: 'otherOrgMember' },
  { title: 'Stranger, personal', writer: 'otherUser' },
] as const satisfies readonly { title: string; writer: PolicyPersonaKey }[];

/** What GET /api/posts?scope= answers a caller: the titles listed (sorted), or the refusal's status. */
export interface PostListCase {
  name: string;
  actor: PolicyPersonaKey;
  scope: 'mine-and-org' | 'org' | 'all';
  expected: readonly string[] | 400 | 403;
}

const EVERY_TITLE = POST_LIST_POSTS.map((post) => post.title).sort();

const lists = (
  name: string,
  actor: PolicyPersonaKey,
  mineAndOrg: readonly string[],
  org: readonly string[] | 400,
  all: readonly string[] | 403,
): PostListCase[] => [
  { name, actor, scope: 'mine-and-org', expected: mineAndOrg },
  { name, actor, scope: 'org', expected: org },
  { name, actor, scope: 'all', expected: all },
];

/**
 * `mine-and-org` (the default): the caller's own posts and the active
 * organization's, for staff too (their feed); `org`: the active organization's
 * alone, 400 without one; `all`: every post, for app moderators and admins only.
 */
export const POST_LIST_CASES: readonly PostListCase[] = [
  ...lists('the author', 'author', ['Acme', 'Author, personal'], ['Acme'], 403),
  ...lists('a user in no organization', 'otherUser', ['Stranger, personal'], 400, 403),
  ...lists('an app moderator (active: Acme)', 'moderator', ['Acme'], ['Acme'], EVERY_TITLE),
  ...lists('an app admin (active: Globex)', 'admin', ['Globex'], ['Globex'], EVERY_TITLE),
  ...lists('the Acme org admin', 'orgAdmin', ['Acme'], ['Acme'], 403),
  ...lists('an Acme member', 'orgMember', ['Acme'], ['Acme'], 403),
  ...lists('a Globex member', 'otherOrgMember', ['Globex'], ['Globex'], 403),
];
