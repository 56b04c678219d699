import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { or, sql } from 'drizzle-orm';
import { openDatabase, plainIdentifier, type Database } from '../src/db/database.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { runAdmin } from '../src/testing/test-database.ts';
import type { PostCursor } from '#shared/post-cursor';
import { listedIn, type Actor } from '../src/posts/post-policy.ts';
import { listPosts, type ListPostsOptions } from '../src/posts/posts-repository.ts';

/**
 * `npm run bench:feed`: a page of the default feed as the posts table grows, old (`OR`) and new (merged branches)
 * query shapes, authors joined. Bounded: `--iterations` timings per figure, 20 s per pair. How: docs/performance.md.
 */
const { values: args } = parseArgs({
  options: {
    small: { type: 'string', default: '10000' },
    large: { type: 'string', default: '300000' },
    iterations: { type: 'string', default: '200' },
    users: { type: 'string', default: '1000' },
    organizations: { type: 'string', default: '10' },
    schema: { type: 'string' },
  },
});
const sizes = [Number(args.small), Number(args.large)].map((size) => Math.min(size, 1_000_000));
const iterations = Math.min(Number(args.iterations), 2_000);
const users = Number(args.users);
const organizations = Number(args.organizations);
const MAX_MS_PER_PAIR = 20_000;
const PAGE = 20;

/**
 * Post i is by user_(i mod users), filed under org_(i mod organizations) but
 * one in five personal, one second older than post i-1: every user writes in
 * one organization, whose feed holds (4/5)/organizations of all posts.
 */
const caller: Actor = { userId: 'user_7', orgId: `org_${7 % organizations}`, orgPermissions: [], role: null };

type Shape = 'old' | 'new';

function optionsFor(shape: Shape, after: PostCursor | null): ListPostsOptions {
  const branches = listedIn(caller, 'mine-and-org')!;
  // The old shape is the same conditions as one OR: one "branch" the planner cannot read in order.
  const anyOf: ListPostsOptions['anyOf'] = shape === 'new' ? branches : [or(...branches)!];
  return { anyOf, after, limit: PAGE + 1 };
}

/** Every author synced, as the webhooks keep them, so each post's author lookup finds a row. */
async function seedUsers(database: Database): Promise<void> {
  await database.db.execute(sql`
    insert into users (id, first_name, last_name, image_url, clerk_created_at, clerk_updated_at)
    select 'user_' || i, 'User', 'Number ' || i, 'https://img.example.test/user_' || i || '.png', now(), now()
    from generate_series(0, ${users} - 1) as i`);
  await database.db.execute(sql`analyze users`);
}

async function seed(database: Database, from: number, to: number): Promise<void> {
  await database.db.execute(sql`
    insert into posts (author_id, organization_id, title, created_at)
    select 'user_' || (i % ${users}),
           case when i % 5 = 0 then null else 'org_' || (i % ${organizations}) end,
           'Post ' || i,
           timestamptz '2026-01-01T00:00:00Z' - i * interval '1 second'
    from generate_series(${from}::int, ${to}::int) as i`);
  await database.db.execute(sql`analyze posts`);
}

/** A cursor halfway down the caller's feed, so the deep page skips half of it through the index. */
async function middleCursor(database: Database): Promise<PostCursor> {
  const result = (await database.db.execute(sql`
    select created_at, id from posts
    where author_id = ${caller.userId} or organization_id = ${caller.orgId}
    order by created_at desc, id desc
    offset (select count(*) / 2 from posts where author_id = ${caller.userId} or organization_id = ${caller.orgId}) limit 1`)) as {
    rows: { created_at: string | Date; id: string }[];
  };
  const [row] = result.rows;
  if (!row) throw new Error('The caller has no feed to page through');
  return { createdAt: new Date(row.created_at), id: row.id };
}

interface Figure {
  p50: number;
  p99: number;
  runs: number;
}

/**
 * Both shapes timed in alternation, one call each per round, so a burst of
 * load from elsewhere on a shared machine falls on both alike.
 */
async function timeBoth(database: Database, after: PostCursor | null): Promise<Record<Shape, Figure>> {
  const shapes: Shape[] = ['old', 'new'];
  const samples: Record<Shape, number[]> = { old: [], new: [] };
  // Warm caches, connections and plans first, as a running API would have them.
  for (let i = 0; i < 20; i++) for (const shape of shapes) await listPosts(database.db, caller, optionsFor(shape, after));
  const deadline = performance.now() + MAX_MS_PER_PAIR;
  for (let round = 0; round < iterations && performance.now() < deadline; round++) {
    for (const shape of shapes) {
      const started = performance.now();
      await listPosts(database.db, caller, optionsFor(shape, after));
      samples[shape].push(performance.now() - started);
    }
  }
  return { old: figure(samples.old), new: figure(samples.new) };
}

function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), runs: sorted.length };
}

async function sameAnswers(database: Database, after: PostCursor | null): Promise<void> {
  const ids = async (shape: Shape) => (await listPosts(database.db, caller, optionsFor(shape, after))).map((post) => post.id).join();
  if ((await ids('old')) !== (await ids('new'))) throw new Error('The old and new query shapes disagree: not a fair comparison');
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function measureSize(database: Database, total: number): Promise<void> {
  const deep = await middleCursor(database);
  for (const [page, after] of [
    ['first page', null],
    ['deep page', deep],
  ] as const) {
    await sameAnswers(database, after);
    const { old, new: current } = await timeBoth(database, after);
    console.log(
      `${total.toLocaleString('en').padStart(9)} posts, ${page.padEnd(10)}  old p50 ${ms(old.p50).padStart(9)} p99 ${ms(old.p99).padStart(9)}` +
        `   new p50 ${ms(current.p50).padStart(9)} p99 ${ms(current.p99).padStart(9)}   (${old.runs}/${current.runs} runs; old ÷ new at p50: ${(old.p50 / current.p50).toFixed(1)}×)`,
    );
  }
}

async function withDatabase(run: (database: Database, where: string) => Promise<void>): Promise<void> {
  const url = (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL)?.trim();
  if (!url) {
    const database = await openDatabase({ kind: 'memory' });
    try {
      await migrateDatabase(database);
      await run(database, 'in-memory PGlite (set TEST_DATABASE_URL for PostgreSQL)');
    } finally {
      await database.close();
    }
    return;
  }
  const schema = plainIdentifier(args.schema ?? `bench_feed_${randomBytes(4).toString('hex')}`);
  await runAdmin(url, `create schema ${schema}`);
  const database = await openDatabase({ kind: 'postgres', url }, { searchPath: schema });
  try {
    await migrateDatabase(database, { migrationsSchema: schema });
    await run(database, `PostgreSQL, schema ${schema}`);
  } finally {
    await database.close();
    await runAdmin(url, `drop schema if exists ${schema} cascade`);
  }
}

await withDatabase(async (database, where) => {
  console.log(
    `feed bench on ${where}: ${users} users, ${organizations} organizations, pages of ${PAGE} with their authors joined, caller ${caller.userId} in ${caller.orgId}`,
  );
  await seedUsers(database);
  let seeded = 0;
  for (const size of sizes) {
    const started = performance.now();
    await seed(database, seeded + 1, size);
    seeded = size;
    console.log(`seeded ${size.toLocaleString('en')} posts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measureSize(database, size);
  }
});
