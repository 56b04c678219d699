import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { OrganizationMembersResponseSchema } from '#shared/organizations';
import { bearer } from '../testing/http.ts';
import { CALLERS, useEmulatorStack, type Caller } from '../testing/emulator-stack.ts';

const stack = useEmulatorStack();

const members = (slug: string, as: Caller = 'acmeAdmin') => stack.send(`/api/orgs/${slug}/members`, { as });
const organization = (slug: string) => stack.emulator.store.organizationByIdOrSlug(slug)!;

/** Only the admin of the organization, with it active. App roles grant nothing here. */
const ACME_MATRIX: Record<Caller, 200 | 401 | 403> = {
  signedOut: 401,
  plainMember: 403,
  appModerator: 403,
  appAdmin: 403,
  globexAdmin: 403,
  acmeAdmin: 200,
  acmeMember: 403,
  globexMember: 403,
};

describe('GET /api/orgs/acme/members', () => {
  it.each(CALLERS)('as %s answers as the matrix says', async (as) => {
    const reply = await members('acme', as);
    expect(reply.status).toBe(ACME_MATRIX[as]);
    if (reply.status === 200) return;
    const code = reply.status === 401 ? 'unauthenticated' : 'forbidden';
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe(code);
  });

  it("answers the organization and its members' allow-listed public data, newest first", async () => {
    const reply = await members('acme');
    const body = OrganizationMembersResponseSchema.strict().parse(reply.json);
    const acme = organization('acme');
    expect(body.organization).toEqual({ id: acme.id, slug: 'acme', name: 'Acme Inc' });
    expect(body.totalCount).toBe(3);
    const member = (email: string, fullName: string, role: string) => ({
      userId: stack.userIdOf(email),
      fullName,
      primaryEmail: email,
      imageUrl: `${stack.emulator.url}/v1/avatars/${stack.userIdOf(email)}/avatar_placeholder.svg`,
      role,
      joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    // Seeded in the order of shared/local-clerk.ts's accounts, one millisecond apart.
    expect(body.members).toEqual([
      member('orgadmin@example.com', 'Katherine Johnson', 'org:admin'),
      member('member@example.com', 'Alan Turing', 'org:member'),
      member('moderator@example.com', 'Grace Hopper', 'org:member'),
    ]);
    for (const entry of body.members)
      expect(Object.keys(entry).sort()).toEqual(['fullName', 'imageUrl', 'joinedAt', 'primaryEmail', 'role', 'userId']);
  });
});

describe('GET /api/orgs/globex/members', () => {
  it("answers Globex's admin with Globex's members", async () => {
    const body = OrganizationMembersResponseSchema.parse((await members('globex', 'globexAdmin')).json);
    expect(body.members.map((m) => m.primaryEmail).sort()).toEqual(['admin@example.com', 'outsider@example.com']);
  });

  it.each(['acmeAdmin', 'globexMember', 'appAdmin'] as const)('refuses %s with 403', async (as) => {
    expect((await members('globex', as)).status).toBe(403);
  });
});

describe('slugs', () => {
  it.each(['ACME', 'ac_me', '-acme', 'a'.repeat(65), 'ac%20me'])('answers 400 for the malformed slug %s', async (slug) => {
    const reply = await members(slug);
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error.fields).toEqual({ slug: ['Not an organization slug'] });
  });

  it('answers 401 before looking at the slug when signed out', async () => {
    expect((await members('ACME', 'signedOut')).status).toBe(401);
  });

  it('answers 403, not 404, for an organization the caller is not admin of, known or not', async () => {
    expect((await members('no-such-org', 'acmeAdmin')).status).toBe(403);
    expect((await members('no-such-org', 'acmeMember')).status).toBe(403);
  });

  it('answers 404 to an admin whose active organization Clerk no longer knows by that slug', async () => {
    const session = stack.signIn('acmeAdmin');
    const token = await stack.tokenOf(session);
    stack.emulator.store.update(() => {
      organization('acme').slug = 'acme-renamed';
    });
    const reply = await stack.send('/api/orgs/acme/members', { headers: bearer(token) });
    expect(reply.status).toBe(404);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('not_found');
  });

  it('answers 403 when the slug in the token now names another organization', async () => {
    const token = await stack.tokenOf(stack.signIn('acmeAdmin'));
    stack.emulator.store.update(() => {
      organization('acme').slug = 'acme-old';
      organization('globex').slug = 'acme';
    });
    const reply = await stack.send('/api/orgs/acme/members', { headers: bearer(token) });
    expect(reply.status).toBe(403);
  });
});

describe('the decision comes from the token', () => {
  it('so a demotion takes effect with the next token', async () => {
    const session = stack.signIn('acmeAdmin');
    const before = await stack.tokenOf(session);
    stack.emulator.store.update(() => {
      stack.emulator.store.membership(session.userId, organization('acme').id)!.role = 'org:member';
    });
    expect((await stack.send('/api/orgs/acme/members', { headers: bearer(before) })).status).toBe(200);
    expect((await stack.send('/api/orgs/acme/members', { headers: bearer(await stack.tokenOf(session)) })).status).toBe(403);
  });
});
