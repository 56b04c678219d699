import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { HttpError } from '../middleware/errors.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { clerkUserJson, startFakeBackendApi, type FakeBackendApi } from '../testing/fake-backend-api.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { createUserDirectory } from './user-directory.ts';

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
    const failure = await directoryFor(silent.baseUrl, 150).findUser('user_1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('treats an answer that is not a user as the upstream failing', async () => {
    backendApi.users.set('user_odd', { object: 'something_else' });
    await expect(directoryFor(backendApi.url).findUser('user_odd')).rejects.toMatchObject({ status: 503 });
  });
});
