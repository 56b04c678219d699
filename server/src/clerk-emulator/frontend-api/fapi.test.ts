/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_CLERK_PROXY_PATH, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import type { EnvironmentJSON } from '@clerk/shared/types';
import { fapiBrowser, jwtPayload, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/**
 * The emulated Frontend API, called as clerk-js calls it, every answer checked
 * against Clerk's OpenAPI spec by the test server (testing/clerk-spec-check.ts). The browser
 * end-to-end suite runs Clerk's real clerk-js and components against it.
 */
const server = useSeededEmulator();
let browser: FapiBrowser;
const [admin, , member, orgAdmin] = LOCAL_ACCOUNTS;

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

const organizationId = (slug: string) => server.store.organizationByIdOrSlug(slug)!.id;

describe("Clerk's scripts", () => {
  const script = (path: string) => fetch(`${server.url}${LOCAL_CLERK_PROXY_PATH}/npm/${path}`);

  it.each([
    '@clerk/clerk-js@6/dist/clerk.browser.js',
    '@clerk/clerk-js@6.40.0/dist/clerk.browser.js',
    '@clerk/ui@1/dist/ui.browser.js',
    '@clerk/ui@1.36.0/dist/ui.browser.js',
  ])('serves %s from node_modules', async (path) => {
    const response = await script(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect((await response.text()).length).toBeGreaterThan(100_000);
  });

  it('serves chunks beside the entry script, immutable at the exact version', async () => {
    const response = await script('@clerk/ui@1.36.0/dist/framework_ui_1124a2_1.36.0.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it.each([
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
  ])('compresses a script for a browser that accepts %s', async (accepted, encoding) => {
    const response = await fetch(`${server.url}${LOCAL_CLERK_PROXY_PATH}/npm/@clerk/clerk-js@6.40.0/dist/clerk.browser.js`, {
      headers: { 'Accept-Encoding': accepted },
    });
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toContain('clerk');
  });

  it.each([
    '@clerk/clerk-js@5/dist/clerk.browser.js',
    '@clerk/clerk-js@latest/dist/clerk.browser.js',
    '@clerk/ui@1/dist/..%2Fpackage.json',
    '@clerk/other@1/dist/x.js',
  ])('refuses %s', async (path) => {
    expect((await script(path)).status).toBe(404);
  });
});

describe('dev browser and environment', () => {
  it('answers dev_browser_unauthenticated to an unknown dev browser, so clerk-js fetches a new one', async () => {
    browser.useDevBrowser('not-a-dev-browser-id-but-long-enough-000000');
    const answer = await browser.call('GET', '/client');
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0]!.code).toBe('dev_browser_unauthenticated');
  });

  it.each(['GET', 'PATCH'])('answers the environment to %s with every field the spec requires', async (method) => {
    const answer = await browser.call(method, '/environment');
    expect(answer.status).toBe(200);
    const environment = answer.body as unknown as EnvironmentJSON;
    expect(environment.organization_settings.enabled).toBe(true);
    expect(environment.display_config.captcha_public_key).toBeNull();
  });

  it('answers a new browser its client with no sessions, in `response`', async () => {
    const answer = await browser.call('GET', '/client');
    const body = answer.body;
    expect(body.client).toBeNull();
    expect(body.response).toMatchObject({ sessions: [], last_active_session_id: null, sign_in: null });
  });
});

describe('sign-in', () => {
  it('asks for a first factor after the identifier, then completes with the password', async () => {
    const created = await browser.call('POST', '/client/sign_ins', { identifier: 'Admin@Example.com' });
    const attempt = created.body.response;
    expect(attempt).toMatchObject({ status: 'needs_first_factor', identifier: 'admin@example.com' });
    expect(attempt.supported_first_factors!.map((factor: { strategy: string }) => factor.strategy)).toEqual([
      'password',
      'email_code',
      'reset_password_email_code',
    ]);

    const done = await browser.call('POST', `/client/sign_ins/${attempt.id}/attempt_first_factor`, {
      strategy: 'password',
      password: LOCAL_SEED_PASSWORD,
    });
    const body = done.body;
    expect(body.response.status).toBe('complete');
    const session = body.client!.sessions[0]!;
    expect(session.id).toBe(body.response.created_session_id);
    expect(body.client!.last_active_session_id).toBe(session.id);
    const claims = jwtPayload(session.last_active_token!.jwt);
    expect(claims).toMatchObject({ sub: session.user!.id, sid: session.id, azp: TEST_SPA_ORIGIN, metadata: { role: 'admin' }, v: 2 });
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('answers a wrong password with a 422 under the password field', async () => {
    const created = await browser.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
    const wrong = await browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'nope',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_password_incorrect', meta: { param_name: 'password' } });
    expect((await browser.call('GET', '/client')).body.response.sessions).toEqual([]);
  });

  it('answers an unknown email with a 422 under the identifier field', async () => {
    const answer = await browser.call('POST', '/client/sign_ins', { identifier: 'nobody@example.com' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code: 'form_identifier_not_found', meta: { param_name: 'identifier' } });
  });

  it('signs in with the email code from the inbox', async () => {
    const created = await browser.call('POST', '/client/sign_ins', { identifier: member.emailAddress });
    const id = created.body.response.id as string;
    await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    const [sent] = server.inbox.messages(member.emailAddress);
    expect(sent).toMatchObject({ kind: 'verification_code', code: expect.stringMatching(/^\d{6}$/) });
    const wrong = sent!.code === '000000' ? '000001' : '000000';
    expect((await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code: wrong })).status).toBe(422);
    const done = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'email_code', code: sent!.code! });
    expect(done.body.response.status).toBe('complete');
  });

  it('keeps one user per browser: a second sign-in ends the first session', async () => {
    const first = await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const second = await browser.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    const client = (await browser.call('GET', '/client')).body.response;
    expect(client.sessions.map((session: { id: string }) => session.id)).toEqual([second]);
    expect(server.store.sessionById(first)!.status).toBe('ended');
  });
});

describe('sign-up', () => {
  it('creates the user after the email code, and signs them in', async () => {
    const created = await browser.call('POST', '/client/sign_ups', {
      email_address: 'New.Person@Example.com',
      password: 'a-long-password',
      first_name: 'New',
      last_name: 'Person',
    });
    const attempt = created.body.response;
    expect(attempt).toMatchObject({ status: 'missing_requirements', unverified_fields: ['email_address'], email_address: 'new.person@example.com' });
    // The code goes out with the address: Clerk's <SignUp> goes straight to "Verify your email".
    expect(attempt.verifications.email_address!.next_action).toBe('needs_attempt');
    const resent = await browser.call('POST', `/client/sign_ups/${attempt.id}/prepare_verification`, { strategy: 'email_code' });
    expect(resent.body.response.verifications.email_address!.next_action).toBe('needs_attempt');
    // A random code for an ordinary address, the newest message in the inbox (the resend replaced the first).
    const code = server.inbox.messages('new.person@example.com')[0]!.code!;
    expect(server.inbox.messages('new.person@example.com')).toHaveLength(2);
    const wrong = await browser.call('POST', `/client/sign_ups/${attempt.id}/attempt_verification`, {
      strategy: 'email_code',
      code: code === '111111' ? '111112' : '111111',
    });
    expect(wrong.body.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } });
    expect(server.store.userByEmail('new.person@example.com')).toBeUndefined();

    const done = await browser.call('POST', `/client/sign_ups/${attempt.id}/attempt_verification`, { strategy: 'email_code', code });
    const body = done.body;
    expect(body.response).toMatchObject({ status: 'complete', unverified_fields: [] });
    const user = server.store.userByEmail('new.person@example.com')!;
    expect(body.response.created_user_id).toBe(user.id);
    expect(body.client!.sessions[0]!.user).toMatchObject({ id: user.id, first_name: 'New', public_metadata: {} });
    // Verified by the code it was sent, as Clerk records it (seeded users are verified by 'admin').
    expect(body.client!.sessions[0]!.user.email_addresses[0].verification).toMatchObject({ status: 'verified', strategy: 'email_code' });
  });

  it.each([
    [{ email_address: admin.emailAddress }, 'form_identifier_exists', 'email_address'],
    [{ email_address: 'not-an-email' }, 'form_param_format_invalid', 'email_address'],
    [{ email_address: 'ok@example.com', password: 'short' }, 'form_password_length_too_short', 'password'],
  ])('refuses %j with %s under %s', async (form, code, param) => {
    const answer = await browser.call('POST', '/client/sign_ups', form);
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code, meta: { param_name: param } });
  });
});

describe('sessions', () => {
  beforeEach(async () => {
    await browser.signIn(orgAdmin.emailAddress, LOCAL_SEED_PASSWORD);
  });

  it('mints 60-second tokens for the asking origin only', async () => {
    const answer = await browser.call<{ jwt: string }>('POST', `/client/sessions/${browser.sessionId}/tokens`, {});
    const token = answer.body;
    expect(jwtPayload(token.jwt)).toMatchObject({ azp: TEST_SPA_ORIGIN, sid: browser.sessionId });
    expect((await browser.call('POST', `/client/sessions/${browser.sessionId}/tokens`, {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await browser.call('POST', `/client/sessions/${browser.sessionId}/tokens`, {}, { origin: null })).status).toBe(403);
  });

  it("takes a token request as clerk-js 6.40 sends it, with the tab's state", async () => {
    const answer = await browser.call<{ jwt: string }>('POST', `/client/sessions/${browser.sessionId}/tokens`, {
      organization_id: '',
      tab_state: 'focused',
    });
    expect(answer.status).toBe(200);
    expect(jwtPayload(answer.body.jwt)).toMatchObject({ sid: browser.sessionId });
  });

  it('switches the active organization on touch, and the new token carries it', async () => {
    const acme = organizationId('acme');
    const answer = await browser.call('POST', `/client/sessions/${browser.sessionId}/touch`, { active_organization_id: acme });
    const session = answer.body.response;
    expect(session.last_active_organization_id).toBe(acme);
    expect(jwtPayload(session.last_active_token!.jwt).o).toMatchObject({ id: acme, slg: 'acme', rol: 'admin' });

    const personal = await browser.call('POST', `/client/sessions/${browser.sessionId}/touch`, { active_organization_id: '' });
    expect(personal.body.response.last_active_organization_id).toBeNull();
  });

  it('refuses to activate an organization the user is not a member of', async () => {
    const answer = await browser.call('POST', `/client/sessions/${browser.sessionId}/touch`, { active_organization_id: organizationId('globex') });
    expect(answer.status).toBe(403);
  });

  it('mints a token for the organization the tab names, without a member claim for a non-member', async () => {
    const forAcme = await browser.call<{ jwt: string }>('POST', `/client/sessions/${browser.sessionId}/tokens`, {
      organization_id: organizationId('acme'),
    });
    expect((jwtPayload(forAcme.body.jwt).o as { slg: string }).slg).toBe('acme');
    const forGlobex = await browser.call<{ jwt: string }>('POST', `/client/sessions/${browser.sessionId}/tokens`, {
      organization_id: organizationId('globex'),
    });
    expect(jwtPayload(forGlobex.body.jwt).o).toBeUndefined();
  });

  it('signs out: sessions end, tokens stop, and a second sign-out does not fail', async () => {
    const signedOut = await browser.call('DELETE', '/client/sessions');
    expect(signedOut.body.client!.sessions).toEqual([]);
    expect((await browser.call('POST', `/client/sessions/${browser.sessionId}/tokens`, {})).status).toBe(401);
    expect((await browser.call('POST', `/client/sessions/${browser.sessionId}/end`)).status).toBe(200);
  });
});

describe('/v1/me', () => {
  beforeEach(async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
  });

  it('answers the user without private metadata, and updates names', async () => {
    const me = (await browser.call('GET', '/me')).body.response;
    expect(me).toMatchObject({ first_name: 'Alan', public_metadata: {} });
    const updated = await browser.call('PATCH', '/me', { first_name: 'Alan M.', last_name: 'Turing' });
    expect(updated.body.response.first_name).toBe('Alan M.');
    expect(server.store.userByEmail(member.emailAddress)!.firstName).toBe('Alan M.');
  });

  it('lists active sessions as a bare array', async () => {
    const answer = await browser.call<{ object: string }[]>('GET', '/me/sessions/active');
    expect(answer.body.map((session) => session.object)).toEqual(['session']);
  });

  it('lists memberships, and empty invitation and suggestion pages', async () => {
    const memberships = (await browser.call('GET', '/me/organization_memberships?paginated=true')).body;
    expect(memberships.response.data.map((m: { organization: { slug: string } }) => m.organization.slug)).toEqual(['acme']);
    for (const path of ['/me/organization_invitations', '/me/organization_suggestions']) {
      expect((await browser.call('GET', path)).body.response).toEqual({ data: [], total_count: 0 });
    }
  });

  it('refuses /me once signed out', async () => {
    await browser.call('DELETE', '/client/sessions');
    expect((await browser.call('GET', '/me')).status).toBe(401);
  });
});

describe('/v1/organizations', () => {
  it('creates an organization with its creator as admin, then lists members and roles', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const created = (await browser.call('POST', '/organizations', { name: 'Bletchley Park' })).body.response;
    expect(created.slug).toBe('bletchley-park');
    const members = await browser.call('GET', `/organizations/${created.id}/memberships?paginated=true`);
    const list = members.body.response.data;
    expect(list.map((m: { public_user_data: { identifier: string }; role: string }) => [m.public_user_data.identifier, m.role])).toEqual([
      [member.emailAddress, 'org:admin'],
    ]);
    const roles = (await browser.call('GET', `/organizations/${created.id}/roles`)).body.response;
    expect(roles.data.map((role: { key: string }) => role.key)).toEqual(['org:admin', 'org:member']);
  });

  it("refuses the slug Clerk's <CreateOrganization> proposes for a name with non-ASCII letters, saying why", async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    // @clerk/ui turns every run of characters outside a-z0-9 into one dash, a trailing one included.
    const refused = await browser.call('POST', '/organizations', { name: 'QA Org Ünïcödé 🚀', slug: 'qa-org-n-c-d-' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      errors: [{ code: 'form_param_format_invalid', long_message: 'The slug cannot end with a dash.', meta: { param_name: 'slug' } }],
    });
    const accepted = await browser.call('POST', '/organizations', { name: 'QA Org Ünïcödé 🚀', slug: 'qa-org-n-c-d' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.response).toMatchObject({ name: 'QA Org Ünïcödé 🚀', slug: 'qa-org-n-c-d' });
    // Sent without a slug, the name's own is proposed, accents stripped.
    const unnamed = await browser.call('POST', '/organizations', { name: 'Crème Brûlée 🚀' });
    expect(unnamed.body.response.slug).toBe('creme-brulee');
  });

  it('lets only admins change roles, and never removes the last admin', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const acme = organizationId('acme');
    const orgAdminId = server.store.userByEmail(orgAdmin.emailAddress)!.id;
    expect((await browser.call('PATCH', `/organizations/${acme}/memberships/${orgAdminId}`, { role: 'org:member' })).status).toBe(403);

    await browser.signIn(orgAdmin.emailAddress, LOCAL_SEED_PASSWORD);
    const demoteSelf = await browser.call('PATCH', `/organizations/${acme}/memberships/${orgAdminId}`, { role: 'org:member' });
    expect(demoteSelf.status).toBe(422);
    const memberId = server.store.userByEmail(member.emailAddress)!.id;
    const promoted = await browser.call('PATCH', `/organizations/${acme}/memberships/${memberId}`, { role: 'org:admin' });
    expect(promoted.body.response.role).toBe('org:admin');
  });

  it('hides organizations the caller is not a member of', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    expect((await browser.call('GET', `/organizations/${organizationId('globex')}/memberships`)).status).toBe(404);
  });
});

describe('what a browser may see', () => {
  it('never includes private metadata in any answer', async () => {
    await browser.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    const globex = organizationId('globex');
    const answers = await Promise.all([
      browser.call('GET', '/client'),
      browser.call('GET', '/me'),
      browser.call('GET', '/me/organization_memberships'),
      browser.call('GET', `/organizations/${globex}/memberships`),
      browser.call('POST', `/client/sessions/${browser.sessionId}/touch`, { active_organization_id: globex }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toMatch(/private_metadata|internalNote|stripeCustomerId|password_hash|passwordHash/);
    }
  });

  it('answers an endpoint it does not emulate with Clerk’s error shape', async () => {
    // Phone numbers are not emulated (no carrier); Clerk's spec lists 404 for this operation.
    const answer = await browser.call('GET', '/me/phone_numbers');
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]!.code).toBe('resource_not_found');
  });
});

describe('token lifetime', () => {
  it('follows the configured lifetime (the end-to-end suite shortens it to exercise refreshes)', async () => {
    await server.restart({ tokenTtlSeconds: 20 });
    await browser.start();
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await browser.call<{ jwt: string }>('POST', `/client/sessions/${browser.sessionId}/tokens`, {});
    const claims = jwtPayload(answer.body.jwt);
    expect(claims.exp - claims.iat).toBe(20);
  });
});
