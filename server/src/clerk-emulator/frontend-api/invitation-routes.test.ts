import { describe, expect, it } from 'vitest';
import { LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { SEED_PASSWORD } from '../store/seed.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/** Invitations through the Frontend API, as <OrganizationProfile> and <OrganizationList> call it; answers spec-checked. */
const server = useSeededEmulator();

async function signedIn(email: string): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  await browser.signIn(email, SEED_PASSWORD);
  return browser;
}

async function signUp(email: string): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  const created = await browser.call('POST', '/client/sign_ups', { email_address: email, password: 'a-long-password' });
  await browser.call('POST', `/client/sign_ups/${created.body.response.id}/prepare_verification`, { strategy: 'email_code' });
  const verified = await browser.call('POST', `/client/sign_ups/${created.body.response.id}/attempt_verification`, {
    strategy: 'email_code',
    code: LOCAL_VERIFICATION_CODE,
  });
  browser.useSession(verified.body.response.created_session_id as string);
  return browser;
}

interface InvitationJson {
  id: string;
  email_address: string;
  status: string;
}
interface ListAnswer {
  response: { data: InvitationJson[]; total_count: number };
}
const emailsOf = (invitations: InvitationJson[]) => invitations.map((invitation) => invitation.email_address);

const acmeId = () => server.store.organizationByIdOrSlug('acme')!.id;

describe('organization invitations through the Frontend API', () => {
  it('an admin invites two addresses at once; a new user with one of them signs up, finds it and accepts it', async () => {
    const admin = await signedIn('orgadmin@example.com');
    const bulk = await admin.call('POST', `/organizations/${acmeId()}/invitations/bulk`, [
      ['email_address', 'newcomer+clerk_test@example.com'],
      ['email_address', 'other@example.com'],
      ['role', 'org:member'],
    ]);
    expect(bulk.status).toBe(200);
    expect(emailsOf(bulk.body.response as InvitationJson[])).toEqual(['newcomer+clerk_test@example.com', 'other@example.com']);
    const pending = await admin.call<ListAnswer>('GET', `/organizations/${acmeId()}/invitations?status=pending`);
    expect(pending.body.response.total_count).toBe(2);
    expect(pending.body.response.data[0]).not.toHaveProperty('private_metadata');

    const newcomer = await signUp('newcomer+clerk_test@example.com');
    const mine = await newcomer.call<ListAnswer>('GET', '/me/organization_invitations?status=pending');
    expect(mine.body.response).toMatchObject({
      total_count: 1,
      data: [{ email_address: 'newcomer+clerk_test@example.com', public_organization_data: { slug: 'acme' } }],
    });
    const invitationId = mine.body.response.data[0]!.id;
    const accepted = await newcomer.call('POST', `/me/organization_invitations/${invitationId}/accept`);
    expect(accepted.body.response.status).toBe('accepted');
    // The client in the same answer already carries the membership, so <OrganizationSwitcher> shows it at once.
    const [session] = accepted.body.client!.sessions as { user: { organization_memberships: unknown[] } }[];
    expect(session!.user.organization_memberships).toMatchObject([{ role: 'org:member', organization: { slug: 'acme' } }]);
    const again = await newcomer.call('POST', `/me/organization_invitations/${invitationId}/accept`);
    expect(again).toMatchObject({ status: 422, body: { errors: [{ code: 'organization_invitation_not_pending' }] } });
    const left = await admin.call<ListAnswer>('GET', `/organizations/${acmeId()}/invitations?status=pending`);
    expect(emailsOf(left.body.response.data)).toEqual(['other@example.com']);
  });

  it('an existing user accepts the same way; a revoked invitation cannot be accepted', async () => {
    const admin = await signedIn('orgadmin@example.com');
    const invited = await admin.call('POST', `/organizations/${acmeId()}/invitations`, { email_address: 'outsider@example.com', role: 'org:admin' });
    expect(invited.body.response).toMatchObject({ status: 'pending', role: 'org:admin' });
    const revoked = await admin.call('POST', `/organizations/${acmeId()}/invitations/${invited.body.response.id}/revoke`);
    expect(revoked.body.response.status).toBe('revoked');

    const outsider = await signedIn('outsider@example.com');
    const refused = await outsider.call('POST', `/me/organization_invitations/${invited.body.response.id}/accept`);
    expect(refused).toMatchObject({ status: 422, body: { errors: [{ code: 'organization_invitation_not_pending' }] } });
    const second = await admin.call('POST', `/organizations/${acmeId()}/invitations`, { email_address: 'outsider@example.com', role: 'org:member' });
    await outsider.call('POST', `/me/organization_invitations/${second.body.response.id}/accept`);
    expect(server.store.membership(server.store.userByEmail('outsider@example.com')!.id, acmeId())?.role).toBe('org:member');
  });

  it('refuses a member without the manage permission, a duplicate, and an invitation addressed to someone else', async () => {
    const member = await signedIn('member@example.com');
    const denied = await member.call('POST', `/organizations/${acmeId()}/invitations`, { email_address: 'x@example.com', role: 'org:member' });
    expect(denied).toMatchObject({ status: 403, body: { errors: [{ code: 'not_allowed_access' }] } });
    const listing = await member.call('GET', `/organizations/${acmeId()}/invitations?status=pending`);
    expect(listing).toMatchObject({ status: 403, body: { errors: [{ code: 'not_allowed_access' }] } });

    const admin = await signedIn('orgadmin@example.com');
    const first = await admin.call('POST', `/organizations/${acmeId()}/invitations`, { email_address: 'x@example.com', role: 'org:member' });
    const twice = await admin.call('POST', `/organizations/${acmeId()}/invitations`, { email_address: 'X@example.com', role: 'org:member' });
    expect(twice).toMatchObject({ status: 422, body: { errors: [{ code: 'duplicate_record', meta: { email_addresses: ['x@example.com'] } }] } });
    const unknown = await admin.call('POST', `/organizations/${acmeId()}/invitations`, {
      email_address: 'y@example.com',
      role: 'org:member',
      team: 'a',
    });
    expect(unknown).toMatchObject({ status: 422, body: { errors: [{ code: 'form_param_unknown' }] } });

    const stranger = await signedIn('outsider@example.com');
    const notTheirs = await stranger.call('POST', `/me/organization_invitations/${first.body.response.id}/accept`);
    expect(notTheirs).toMatchObject({ status: 404, body: { errors: [{ code: 'resource_not_found' }] } });
  });

  it('an invitation to an address added but not verified waits until it is verified', async () => {
    const admin = await signedIn('orgadmin@example.com');
    await admin.call('POST', `/organizations/${acmeId()}/invitations`, { email_address: 'second+clerk_test@example.com', role: 'org:member' });
    const outsider = await signedIn('outsider@example.com');
    const added = await outsider.call('POST', '/me/email_addresses', { email_address: 'second+clerk_test@example.com' });
    expect(added.status).toBe(200);
    const before = await outsider.call<ListAnswer>('GET', '/me/organization_invitations?status=pending');
    expect(before.body.response.total_count).toBe(0);
    const addressId = added.body.response.id as string;
    await outsider.call('POST', `/me/email_addresses/${addressId}/prepare_verification`, { strategy: 'email_code' });
    await outsider.call('POST', `/me/email_addresses/${addressId}/attempt_verification`, { code: LOCAL_VERIFICATION_CODE });
    const after = await outsider.call<ListAnswer>('GET', '/me/organization_invitations?status=pending');
    expect(emailsOf(after.body.response.data)).toEqual(['second+clerk_test@example.com']);
  });
});
