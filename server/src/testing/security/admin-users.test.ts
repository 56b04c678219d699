import { beforeAll, describe, expect, it } from 'vitest';
import { AdminUserPageSchema } from '#shared/admin';
import { useEmulatorStack } from '../emulator-stack.ts';
import { expectError, expectNoLeak } from './expectations.ts';
import { emulatorSnapshot } from './emulator-snapshot.ts';
import { sendRawPath } from './raw-request.ts';

/**
 * The admin's user search and role routes, through the real emulator
 * (its Backend API answers the search): injection-looking input is text to
 * match, never an operator; control characters and ids that are not ids are
 * refused before any Backend API call. Nothing changes in the emulator store.
 */
const stack = useEmulatorStack({ per: 'file' });
let before: unknown;
beforeAll(() => {
  before = emulatorSnapshot(stack.emulator.store);
});

/** The raw query string is sent as is, so what the probe encodes is what the API decodes. */
const searchPath = (rawQuery: string) => `/api/admin/users?query=${rawQuery}&limit=50`;

describe('GET /api/admin/users with injection-looking queries answers 200 and matches nobody', () => {
  it.each([
    ['SQL tautology', "' OR 1=1 --"],
    ['SQL tautology after a real match', "example.com' OR 'x'='x"],
    ['quoted-string tautology', '" OR ""="'],
    ['MongoDB operator as JSON', '{"$ne":null}'],
    ['MongoDB regex operator as JSON', '{"$regex":".*"}'],
    ['SQL LIKE wildcard', '%'],
    ['glob wildcard', '*'],
    ['regular expression', '.*'],
    ['smuggled Backend API parameters', 'nobody&limit=500&query=&user_id=x'],
    ['a lone backslash', '\\'],
    ['a template-injection probe', '${7*7}{{7*7}}'],
  ])('%s: %s', async (_name, query) => {
    const reply = await stack.send(searchPath(encodeURIComponent(query)), { as: 'appAdmin' });
    expect(reply.status, reply.text).toBe(200);
    expect(AdminUserPageSchema.strict().parse(reply.json)).toEqual({ users: [], totalCount: 0 });
    expectNoLeak(reply.text);
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(before);
  });

  it('control: a genuine match still answers its one user', async () => {
    const reply = await stack.send(searchPath('hopper'), { as: 'appAdmin' });
    expect(AdminUserPageSchema.parse(reply.json).users.map((user) => user.primaryEmail)).toEqual(['moderator@example.com']);
  });

  it('a non-UTF-8 percent-encoding (%FF%FE) is text that matches nobody, not a 500', async () => {
    const reply = await stack.send(searchPath('%FF%FE'), { as: 'appAdmin' });
    expect(reply.status, reply.text).toBe(200);
    expect(AdminUserPageSchema.strict().parse(reply.json)).toEqual({ users: [], totalCount: 0 });
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(before);
  });
});

describe('GET /api/admin/users refuses control characters with 400', () => {
  it.each([
    ['NUL', 'ada%00'],
    ['ESC (a terminal escape sequence)', '%1B%5B2J'],
    ['DEL', 'ada%7F'],
    ['CR LF (a forged log or header line)', 'ada%0D%0AX-Injected:%201'],
  ])('%s', async (_name, rawQuery) => {
    const reply = await stack.send(searchPath(rawQuery), { as: 'appAdmin' });
    expectError(reply, 400, 'validation_failed');
    expect(reply.json).toMatchObject({ error: { fields: { query: [expect.any(String)] } } });
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(before);
  });
});

describe('PUT /api/admin/users/:id/role with ids that are not user ids', () => {
  it.each([
    ['encoded path separators aimed at the Backend API', 400, 'validation_failed', '..%2F..%2Fv1%2Fusers'],
    ['a user id with a traversal appended', 400, 'validation_failed', 'user_abc%2F..%2F..%2Forganizations'],
    ['encoded dots', 400, 'validation_failed', '%2e%2e'],
    ['a non-UTF-8 percent-encoding (%FF%FE)', 400, 'bad_request', '%FF%FE'],
    ['a 4 KB id', 400, 'validation_failed', `user_${'a'.repeat(4096)}`],
  ])('%s: %i %s, no role changes', async (_name, status, code, rawId) => {
    const token = await stack.tokenOf(stack.signIn('appAdmin'));
    const reply = await sendRawPath(stack.api.baseUrl, `/api/admin/users/${rawId}/role`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expectError(reply, status, code);
    expect(emulatorSnapshot(stack.emulator.store)).toEqual(before);
  });
});
