/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD, localAccount } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { copyDataDir, startTestEmulator, TEST_SPA_ORIGIN, useSeededTemplate, type TestEmulator } from '../../testing/test-emulator.ts';

/**
 * Backend API sign-in tokens used as Clerk's Frontend API takes them: `POST /v1/client/sign_ins` with
 * `strategy=ticket` signs the token's user in at once (no credential, no second factor), once. A used, revoked or
 * expired token is refused with the invitation tickets' codes; invitation tickets keep working beside them.
 */
const templateDir = useSeededTemplate();
let temp: ReturnType<typeof copyDataDir>;
let server: TestEmulator;
let clock: number;

beforeEach(async () => {
  clock = Date.now();
  temp = copyDataDir(templateDir());
  server = await startTestEmulator(temp.dataDir, { now: () => clock });
});

afterEach(async () => {
  await server.close();
  temp.remove();
});

const member = localAccount('member');

async function backend(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${server.url}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${server.keys.secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function signInToken(userId: string, extra: Record<string, unknown> = {}) {
  const answer = await backend('POST', '/sign_in_tokens', { user_id: userId, ...extra });
  expect(answer.status).toBe(200);
  return { id: answer.body.id!, ticket: answer.body.token! };
}

async function newBrowser(): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  return browser;
}

const signInWith = (browser: FapiBrowser, ticket: string) => browser.call('POST', '/client/sign_ins', { strategy: 'ticket', ticket });

describe('signing in with a sign-in token', () => {
  it("signs the token's user in at once: complete, a session on the client, the token accepted", async () => {
    const { id, ticket } = await signInToken(member.id);
    const browser = await newBrowser();
    const answer = await signInWith(browser, ticket);
    expect(answer.status).toBe(200);
    const signIn = answer.body.response;
    expect(signIn).toMatchObject({
      status: 'complete',
      identifier: member.emailAddress,
      first_factor_verification: { strategy: 'ticket', status: 'verified' },
    });
    const sessions = answer.body.client!.sessions as { id: string }[];
    expect(sessions.find((candidate) => candidate.id === signIn.created_session_id)).toMatchObject({ status: 'active', user: { id: member.id } });
    expect((await backend('POST', `/sign_in_tokens/${id}/revoke`)).status).toBe(400);
    expect(server.store.signInTokenById(id)?.status).toBe('accepted');
  });

  it('works once: the same ticket again, in any browser, is ticket_invalid_code', async () => {
    const { ticket } = await signInToken(member.id);
    expect((await signInWith(await newBrowser(), ticket)).status).toBe(200);
    const again = await signInWith(await newBrowser(), ticket);
    expect(again.status).toBe(400);
    expect(again.body.errors[0]).toMatchObject({ code: 'ticket_invalid_code', meta: { param_name: 'ticket' } });
  });

  it('refuses a revoked token (ticket_invalid_code) and one past its lifetime (ticket_expired_code)', async () => {
    const revoked = await signInToken(member.id);
    expect((await backend('POST', `/sign_in_tokens/${revoked.id}/revoke`)).body.status).toBe('revoked');
    expect((await signInWith(await newBrowser(), revoked.ticket)).body.errors[0]!.code).toBe('ticket_invalid_code');
    const expiring = await signInToken(member.id, { expires_in_seconds: 60 });
    clock += 61_000;
    const expired = await signInWith(await newBrowser(), expiring.ticket);
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0]!.code).toBe('ticket_expired_code');
  });

  it('refuses a ticket the emulator did not sign, and a banned user', async () => {
    const { ticket } = await signInToken(member.id);
    const [header, payload] = ticket.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await signInWith(await newBrowser(), forged)).body.errors[0]!.code).toBe('ticket_invalid_code');
    expect((await backend('POST', `/users/${member.id}/ban`)).status).toBe(200);
    const banned = await signInWith(await newBrowser(), ticket);
    expect(banned.status).toBe(403);
    expect(banned.body.errors[0]!.code).toBe('user_banned');
  });

  it("asks no second factor, as Clerk's testing helpers rely on, and makes the token's org_id active", async () => {
    const orgAdmin = localAccount('orgAdmin');
    const acme = server.store.organizationByIdOrSlug('acme')!.id;
    server.store.update((data) => {
      const user = data.users.find((candidate) => candidate.id === orgAdmin.id)!;
      user.totp = { id: 'totp_test', secret: 'JBSWY3DPEHPK3PXP', verified: true, lastUsedCounter: null, createdAt: clock, updatedAt: clock };
    });
    const withPassword = await newBrowser();
    const created = await withPassword.call('POST', '/client/sign_ins', { identifier: orgAdmin.emailAddress });
    const attempt = await withPassword.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: LOCAL_SEED_PASSWORD,
    });
    expect(attempt.body.response.status).toBe('needs_second_factor');
    const { ticket } = await signInToken(orgAdmin.id, { org_id: acme });
    const answer = await signInWith(await newBrowser(), ticket);
    expect(answer.body.response.status).toBe('complete');
    expect(server.store.sessionById(answer.body.response.created_session_id as string)?.lastActiveOrganizationId).toBe(acme);
  });

  it('leaves invitation tickets as they were: a sign-in token is no sign-up ticket', async () => {
    const { ticket } = await signInToken(member.id);
    const signUp = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    expect(signUp.status).toBe(400);
    expect(signUp.body.errors[0]!.code).toBe('ticket_invalid_code');
    const invitation = await backend('POST', `/organizations/globex/invitations`, { email_address: member.emailAddress, role: 'org:member' });
    const invitationTicket = new URL(invitation.body.url!).searchParams.get('__clerk_ticket')!;
    const answer = await signInWith(await newBrowser(), invitationTicket);
    expect(answer.body.response).toMatchObject({ status: 'complete', identifier: member.emailAddress });
    expect(server.store.invitationById(invitation.body.id!)?.status).toBe('accepted');
  });
});
