import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS, openTestDatabase, queryRows, type TestDatabase } from '../testing/test-database.ts';
import type { PostCursor } from '#shared/post-cursor';
import { listedIn, type Actor } from './post-policy.ts';
import { listPostsQuery } from './posts-repository.ts';

/**
 * The feed must cost the same at any size: read in order from the indexes and
 * stop after a page, never scan and sort the posts table. Checked with the
 * planner's own answer on a table large enough that it weighs its options for
 * real (20,000 posts, analyzed), on PGlite and, with TEST_DATABASE_URL, on
 * PostgreSQL: no setting forces its hand.
 */
const POSTS = 20_000;
const USERS = 200;
const ORGANIZATIONS = 20;
/** Synced users (clerk-sync/), more than write: the authors are joined by primary key, never by a scan. */
const SYNCED_USERS = 10_000;

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  // Every user writes in one organization (and personally, one post in five), newest first by i.
  await database.db.execute(sql`
    insert into posts (author_id, organization_id, title, created_at)
    select 'user_' || (i % ${USERS}),
           case when i % 5 = 0 then null else 'org_' || (i % ${ORGANIZATIONS}) end,
           'Post ' || i,
           timestamptz '2026-01-01T00:00:00Z' - i * interval '1 second'
    from generate_series(1, ${POSTS}) as i`);
  await database.db.execute(sql`
    insert into users (id, first_name, clerk_updated_at)
    select 'user_' || i, 'User ' || i, timestamptz '2026-01-01T00:00:00Z' from generate_series(0, ${SYNCED_USERS} - 1) as i`);
  await database.db.execute(sql`analyze posts`);
  await database.db.execute(sql`analyze users`);
}, OPEN_TIMEOUT_MS);
afterAll(() => database.close());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

async function planOf(actor: Actor, after: PostCursor | null): Promise<PlanNode[]> {
  const query = listPostsQuery(database.db, actor, { anyOf: listedIn(actor, 'mine-and-org')!, after, limit: 21 });
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(database, sql`explain (format json) ${query}`);
  // node-postgres parses the JSON; PGlite hands it over as text.
  const explained = typeof row?.['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row?.['QUERY PLAN'];
  return flatten((explained as [{ Plan: PlanNode }])[0].Plan);
}

const member: Actor = { userId: 'user_7', orgId: 'org_7', orgPermissions: [], role: null };
const cursor: PostCursor = { createdAt: new Date('2025-12-31T12:00:00.000Z'), id: '00000000-0000-4000-8000-000000000000' };

describe('the feed (mine-and-org) on a large table, authors joined', () => {
  it.each([
    ['the first page', null],
    ['a page after a cursor', cursor],
  ])('reads %s from both indexes in order and each author by primary key, with no scan and no sort', async (_name, after) => {
    const nodes = await planOf(member, after);
    const summary = nodes.map((node) => `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
    expect(summary.filter((node) => node.includes('Seq Scan') || node.includes('Sort') || node.includes('Bitmap'))).toEqual([]);
    expect(summary).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Index (Only )?Scan using posts_author_created_idx/),
        expect.stringMatching(/Index (Only )?Scan using posts_organization_created_idx/),
        expect.stringMatching(/Index (Only )?Scan using users_pkey/),
      ]),
    );
  });

  it('reads only the author index (and the authors by primary key) for a caller with no active organization', async () => {
    const nodes = await planOf({ ...member, orgId: null }, null);
    expect(nodes.map((node) => node['Index Name']).filter(Boolean)).toEqual(['posts_author_created_idx', 'users_pkey']);
    expect(nodes.some((node) => node['Node Type'].includes('Sort') || node['Node Type'] === 'Seq Scan')).toBe(false);
  });
});
