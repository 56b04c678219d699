import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { useSeededEmulator } from '../testing/test-emulator.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { clerkUserJson, startFakeBackendApi, type FakeBackendApi } from '../testing/fake-backend-api.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { createUserDirectory, type UserDirectory } from './user-directory.ts';
import { HttpError } from '../common/http-error.ts';

const auth = createAuthFixtures();
let backendApi: FakeBackendApi;
let silent: Listening;
beforeAll(async () => {
  backendApi = await startFakeBackendApi(auth.keys.secretKey);
  // Accepts connections and never answers: a hung upstream.
  silent = await listen(() => {});
});
afterAll(async () => {
  await backendApi.close();
  await silent.close();
});

function directoryFor(apiUrl: string, timeoutMs?: number) {
  return createUserDirectory(createApiClerkClient(auth.clerkOptions({ apiUrl })), timeoutMs === undefined ? {} : { timeoutMs });
}

describe('user directory', () => {
  it('keeps only allow-listed fields of a Clerk user', async () => {
    backendApi.users.set('user_1', clerkUserJson({ id: 'user_1', first_name: null, last_name: null, image_url: 'https://img.example.test/1.png' }));
    const user = await directoryFor(backendApi.url).findUser('user_1');
    expect(user).toEqual({
      id: 'user_1',
      firstName: null,
      lastName: null,
      fullName: null,
      primaryEmail: 'ada@example.test',
      imageUrl: 'https://img.example.test/1.png',
      role: 'admin',
      createdAt: new Date('2025-01-01T00:00:00.000Z'),
      lastSignInAt: new Date('2026-01-01T00:00:00.000Z'),
    });
  });

  it('gives up on a Backend API that does not answer in time, as 503', async () => {
    const started = Date.now();
    const failure = await directoryFor(silent.baseUrl, 150)
      .findUser('user_1')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up in time on every call, reads and writes alike', async () => {
    const directory = directoryFor(silent.baseUrl, 150);
    const calls = [
      () => directory.searchUsers({ query: '', limit: 10, offset: 0 }),
      () => directory.setRole('user_1', 'moderator'),
      () => directory.setName('user_1', { firstName: 'A', lastName: 'B' }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ status: 503, code: 'upstream_unavailable' });
  });

  it('treats a user list that is not a list as the upstream failing', async () => {
    backendApi.answers.set('/v1/users', { object: 'something_else' });
    backendApi.answers.set('/v1/users/count', { object: 'total_count', total_count: 1 });
    try {
      await expect(directoryFor(backendApi.url).searchUsers({ query: '', limit: 10, offset: 0 })).rejects.toMatchObject({ status: 503 });
    } finally {
      backendApi.answers.clear();
    }
  });

  it('treats an answer that is not a user as the upstream failing', async () => {
    backendApi.users.set('user_odd', { object: 'something_else' });
    await expect(directoryFor(backendApi.url).findUser('user_odd')).rejects.toMatchObject({ status: 503 });
  });
});

describe('user directory against the Clerk emulator', () => {
  const emulator = useSeededEmulator({ per: 'file' });
  let directory: UserDirectory;
  beforeAll(() => {
    directory = createUserDirectory(createApiClerkClient({ ...auth.clerkOptions(), secretKey: emulator.keys.secretKey, apiUrl: emulator.url }));
  });
  const idOf = (email: string) => emulator.store.userByEmail(email)!.id;

  it('searches newest first and counts every match', async () => {
    const page = await directory.searchUsers({ query: 'example.com', limit: 2, offset: 1 });
    expect(page.totalCount).toBe(5);
    expect(page.users.map((user) => user.primaryEmail)).toEqual(['orgadmin@example.com', 'member@example.com']);
  });

  it('sets and removes the role by merging, leaving the rest of the metadata alone', async () => {
    const id = idOf('outsider@example.com');
    emulator.store.update(() => {
      emulator.store.userById(id)!.publicMetadata = { plan: 'pro' };
    });
    expect(await directory.setRole(id, 'moderator')).toMatchObject({ id, role: 'moderator' });
    expect(emulator.store.userById(id)!.publicMetadata).toEqual({ plan: 'pro', role: 'moderator' });
    expect(await directory.setRole(id, null)).toMatchObject({ id, role: null });
    expect(emulator.store.userById(id)!.publicMetadata).toEqual({ plan: 'pro' });
    expect(emulator.store.userById(id)!.privateMetadata).toEqual({ internalNote: 'seeded outsider' });
  });

  it('sets the names', async () => {
    const id = idOf('member@example.com');
    expect(await directory.setName(id, { firstName: 'Alan M.', lastName: 'Turing' })).toMatchObject({ fullName: 'Alan M. Turing' });
  });

  it('answers null for ids Clerk does not know, on every write', async () => {
    expect(await directory.setRole('user_unknown', 'admin')).toBeNull();
    expect(await directory.setName('user_unknown', { firstName: 'A', lastName: '' })).toBeNull();
  });
});
