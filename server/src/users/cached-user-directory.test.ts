import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { clerkUserJson, startFakeBackendApi, type FakeBackendApi } from '../testing/fake-backend-api.ts';
import { withUserCache } from './cached-user-directory.ts';
import { createUserDirectory, type UserDirectory } from './user-directory.ts';

const auth = createAuthFixtures();
let backendApi: FakeBackendApi;
let users: UserDirectory;
beforeAll(async () => {
  backendApi = await startFakeBackendApi(auth.keys.secretKey);
  backendApi.users.set('user_test_ada', clerkUserJson());
});
beforeEach(() => {
  backendApi.requests.length = 0;
  backendApi.failWith(null);
  users = withUserCache(createUserDirectory(createApiClerkClient(auth.clerkOptions({ apiUrl: backendApi.url }))));
});
afterAll(() => backendApi.close());

const userReads = () => backendApi.requests.filter((request) => request.method === 'GET' && request.path === '/v1/users/user_test_ada');

describe('the per-user profile cache', () => {
  it('makes one Backend API call for 50 concurrent reads of one user', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => users.findUser('user_test_ada')));
    expect(new Set(answers.map((user) => user?.fullName))).toEqual(new Set(['Ada Lovelace']));
    expect(userReads()).toHaveLength(1);
  });

  it('answers later reads from memory within the TTL, and reads again after it', async () => {
    const shortLived = withUserCache(createUserDirectory(createApiClerkClient(auth.clerkOptions({ apiUrl: backendApi.url }))), { ttlMs: 50 });
    await shortLived.findUser('user_test_ada');
    await shortLived.findUser('user_test_ada');
    expect(userReads()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await shortLived.findUser('user_test_ada');
    expect(userReads()).toHaveLength(2);
  });

  it('does not cache a failure: the next read tries the Backend API again', async () => {
    backendApi.failWith(500);
    await expect(users.findUser('user_test_ada')).rejects.toMatchObject({ status: 503 });
    backendApi.failWith(null);
    expect((await users.findUser('user_test_ada'))?.fullName).toBe('Ada Lovelace');
  });

  it('reads again a cached answer older than the caller allows (maxAgeMs), sharing one call among concurrent reads', async () => {
    let now = 0;
    const clocked = withUserCache(createUserDirectory(createApiClerkClient(auth.clerkOptions({ apiUrl: backendApi.url }))), { now: () => now });
    await clocked.findUser('user_test_ada');
    now = 1000;
    await clocked.findUser('user_test_ada', { maxAgeMs: 2000 });
    expect(userReads()).toHaveLength(1);
    now = 3001;
    await Promise.all(Array.from({ length: 10 }, () => clocked.findUser('user_test_ada', { maxAgeMs: 2000 })));
    expect(userReads()).toHaveLength(2);
  });

  it('makes a readNow read a call of its own, joining neither the cache nor a call already in flight', async () => {
    const [, own] = await Promise.all([users.findUser('user_test_ada'), users.findUser('user_test_ada', { readNow: true })]);
    expect(own?.fullName).toBe('Ada Lovelace');
    expect(userReads()).toHaveLength(2);
    await users.findUser('user_test_ada', { readNow: true });
    expect(userReads()).toHaveLength(3);
  });
});
