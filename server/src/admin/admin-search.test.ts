import { describe, expect, it } from 'vitest';
import { AdminUserPageSchema } from '#shared/admin';
import { ApiErrorBodySchema } from '#shared/api-error';
import { useEmulatorStack } from '../testing/emulator-stack.ts';

// Searching changes nothing: one stack for the file.
const stack = useEmulatorStack({ per: 'file' });

async function search(params: Record<string, string>) {
  const reply = await stack.send(`/api/admin/users?${new URLSearchParams(params).toString()}`, { as: 'appAdmin' });
  expect(reply.status, reply.text).toBe(200);
  const page = AdminUserPageSchema.strict().parse(reply.json);
  return { emails: page.users.map((user) => user.primaryEmail), totalCount: page.totalCount, users: page.users };
}

/** Newest first: the seed creates its users in this order, one millisecond apart. */
const NEWEST_FIRST = ['outsider@example.com', 'orgadmin@example.com', 'member@example.com', 'moderator@example.com', 'admin@example.com'];

describe('GET /api/admin/users', () => {
  it('lists everyone newest first when there is no query', async () => {
    expect(await search({})).toMatchObject({ emails: NEWEST_FIRST, totalCount: 5 });
  });

  it('answers each user as the allow-list, with their role', async () => {
    const { users } = await search({ query: 'moderator@' });
    expect(users).toEqual([
      {
        id: stack.userIdOf('moderator@example.com'),
        fullName: 'Grace Hopper',
        primaryEmail: 'moderator@example.com',
        imageUrl: expect.stringMatching(/\/v1\/avatars\/user_\w+\/avatar_placeholder\.svg$/),
        role: 'moderator',
        createdAt: expect.any(String),
        lastSignInAt: null,
      },
    ]);
  });

  it.each([
    ['a last name', 'hopper', ['moderator@example.com']],
    ['a first name, in any case', 'KATHERINE', ['orgadmin@example.com']],
    ['a full name', 'Alan Turing', ['member@example.com']],
    ['a full name, last name first', 'turing alan', ['member@example.com']],
    ['several words, spaced apart, each matching a field', '  alan   member@ ', ['member@example.com']],
    ['part of an email address', 'outsider@', ['outsider@example.com']],
    ['a whole email address', 'member@example.com', ['member@example.com']],
    ['an address that is part of another, matching both', 'admin@example.com', ['orgadmin@example.com', 'admin@example.com']],
    ['a user id', 'USER-ID-OF-ADMIN', ['admin@example.com']],
    ['surrounding spaces, which are trimmed', '  dijkstra  ', ['outsider@example.com']],
  ])('finds users by %s', async (_name, query, emails) => {
    const resolved = query === 'USER-ID-OF-ADMIN' ? stack.userIdOf('admin@example.com') : query;
    expect(await search({ query: resolved })).toEqual({ emails, totalCount: emails.length, users: expect.any(Array) });
  });

  it('finds nobody for a query that matches nothing', async () => {
    expect(await search({ query: 'no such person' })).toMatchObject({ emails: [], totalCount: 0 });
  });

  it('pages with limit and offset, counting every match on every page', async () => {
    expect(await search({ query: 'example.com', limit: '2' })).toMatchObject({ emails: NEWEST_FIRST.slice(0, 2), totalCount: 5 });
    expect(await search({ query: 'example.com', limit: '2', offset: '2' })).toMatchObject({ emails: NEWEST_FIRST.slice(2, 4), totalCount: 5 });
    expect(await search({ query: 'example.com', limit: '2', offset: '4' })).toMatchObject({ emails: NEWEST_FIRST.slice(4), totalCount: 5 });
    expect(await search({ query: 'example.com', offset: '5' })).toMatchObject({ emails: [], totalCount: 5 });
  });

  it('counts the matches of the query, not every user', async () => {
    expect(await search({ query: 'o', limit: '1' })).toMatchObject({ totalCount: 5 });
    expect(await search({ query: 'ada', limit: '1' })).toMatchObject({ emails: ['admin@example.com'], totalCount: 1 });
  });
});

describe('GET /api/admin/users refuses bad input with 400', () => {
  it.each([
    ['a NUL character', 'query=a%00b', 'query'],
    ['a BEL character', 'query=%07', 'query'],
    ['an escape sequence', 'query=ada%1B%5B31m', 'query'],
    ['a tab inside the query', 'query=a%09b', 'query'],
    ['a newline inside the query', 'query=a%0Ab', 'query'],
    ['DEL', 'query=a%7Fb', 'query'],
    ['a query over 100 characters', `query=${'a'.repeat(101)}`, 'query'],
    ['a repeated query', 'query=a&query=b', 'query'],
    ['limit 0', 'limit=0', 'limit'],
    ['limit 51', 'limit=51', 'limit'],
    ['a limit that is not a number', 'limit=ten', 'limit'],
    ['a fractional limit', 'limit=1.5', 'limit'],
    ['a negative offset', 'offset=-1', 'offset'],
  ])('%s', async (_name, queryString, field) => {
    const reply = await stack.send(`/api/admin/users?${queryString}`, { as: 'appAdmin' });
    expect(reply.status).toBe(400);
    const { error } = ApiErrorBodySchema.parse(reply.json);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
  });
});
