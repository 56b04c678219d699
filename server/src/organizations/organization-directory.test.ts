import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { startFakeBackendApi, type FakeBackendApi } from '../testing/fake-backend-api.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { createOrganizationDirectory } from './organization-directory.ts';
import { HttpError } from '../common/http-error.ts';

const auth = createAuthFixtures();
let backendApi: FakeBackendApi;
let silent: Listening;
beforeAll(async () => {
  backendApi = await startFakeBackendApi(auth.keys.secretKey);
  // Accepts connections and never answers: a hung upstream.
  silent = await listen(() => {});
});
afterEach(() => backendApi.answers.clear());
afterAll(async () => {
  await backendApi.close();
  await silent.close();
});

function directoryFor(apiUrl: string, timeoutMs?: number) {
  return createOrganizationDirectory(createApiClerkClient(auth.clerkOptions({ apiUrl })), timeoutMs === undefined ? {} : { timeoutMs });
}

const ORGANIZATION = {
  object: 'organization',
  id: 'org_1',
  name: 'Acme Inc',
  slug: 'acme',
  private_metadata: { secret: 'ORG_PRIVATE' },
  created_at: 1,
};

function membershipJson(publicUserData: Record<string, unknown> | undefined) {
  return {
    object: 'organization_membership',
    id: 'orgmem_1',
    role: 'org:member',
    permissions: [],
    public_metadata: {},
    private_metadata: { secret: 'MEMBERSHIP_PRIVATE' },
    organization: ORGANIZATION,
    public_user_data: publicUserData,
    created_at: 1_735_689_600_000,
    updated_at: 1_735_689_600_000,
  };
}

describe('organization directory', () => {
  it('keeps only id, slug and name of an organization', async () => {
    backendApi.answers.set('/v1/organizations/acme', ORGANIZATION);
    expect(await directoryFor(backendApi.url).findBySlug('acme')).toEqual({ id: 'org_1', slug: 'acme', name: 'Acme Inc' });
  });

  it('answers null for an organization Clerk does not know', async () => {
    expect(await directoryFor(backendApi.url).findBySlug('nope')).toBeNull();
    expect(await directoryFor(backendApi.url).listMembers('org_gone', 10)).toBeNull();
  });

  it('reads members from public user data only; an identifier that is not an email is no email', async () => {
    const user = { user_id: 'user_2', first_name: null, last_name: null, identifier: '+15555550100', has_image: false };
    backendApi.answers.set('/v1/organizations/org_1/memberships', { data: [membershipJson(user)], total_count: 7 });
    expect(await directoryFor(backendApi.url).listMembers('org_1', 10)).toEqual({
      members: [
        { userId: 'user_2', fullName: null, primaryEmail: null, imageUrl: '', role: 'org:member', joinedAt: new Date('2025-01-01T00:00:00.000Z') },
      ],
      totalCount: 7,
    });
  });

  it.each([
    [
      'an organization without an id',
      '/v1/organizations/acme',
      { ...ORGANIZATION, id: undefined },
      (d: ReturnType<typeof directoryFor>) => d.findBySlug('acme'),
    ],
    [
      'a membership without public user data',
      '/v1/organizations/org_1/memberships',
      { data: [membershipJson(undefined)], total_count: 1 },
      (d: ReturnType<typeof directoryFor>) => d.listMembers('org_1', 10),
    ],
    [
      'a list without a total',
      '/v1/organizations/org_1/memberships',
      [membershipJson({ user_id: 'user_2', identifier: 'a@b.c' })],
      (d: ReturnType<typeof directoryFor>) => d.listMembers('org_1', 10),
    ],
  ])('treats %s as the upstream failing', async (_name, path, answer, call) => {
    backendApi.answers.set(path, answer);
    await expect(call(directoryFor(backendApi.url))).rejects.toMatchObject({ status: 503, code: 'upstream_unavailable' });
  });

  it('gives up on a Backend API that does not answer in time, as 503', async () => {
    const started = Date.now();
    for (const call of [
      (d: ReturnType<typeof directoryFor>) => d.findBySlug('acme'),
      (d: ReturnType<typeof directoryFor>) => d.listMembers('org_1', 10),
    ]) {
      const failure = await call(directoryFor(silent.baseUrl, 150)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(HttpError);
      expect(failure).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    }
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
