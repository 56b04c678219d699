import { describe, expect, it } from 'vitest';
import { LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/** `<Waitlist>`'s call, `POST /v1/waitlist` as clerk-js's `joinWaitlist` sends it; answers spec-checked. */
const server = useSeededEmulator();

interface EntryAnswer {
  object: string;
  id: string;
  created_at: number;
  updated_at: number;
}
interface ErrorAnswer {
  errors: { code: string; meta?: { param_name?: string } }[];
}

async function browser() {
  const page = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await page.start();
  return page;
}

describe('joining the waitlist', () => {
  it('answers the new entry and keeps the address, lower-cased, as pending', async () => {
    const answer = await (await browser()).call<EntryAnswer>('POST', '/waitlist', { email_address: ' Early.Bird@Example.com ' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ object: 'waitlist_entry', id: expect.stringMatching(/^wle_/) });
    expect(answer.body.created_at).toBe(answer.body.updated_at);
    expect(server.store.waitlistEntryById(answer.body.id)).toMatchObject({
      emailAddress: 'early.bird@example.com',
      status: 'pending',
      invitedAt: null,
    });
  });

  it('answers the same entry when an address joins again, from another browser and in another case', async () => {
    const first = await (await browser()).call<EntryAnswer>('POST', '/waitlist', { email_address: 'twice@example.com' });
    const again = await (await browser()).call<EntryAnswer>('POST', '/waitlist', { email_address: 'TWICE@example.com' });
    expect(again).toEqual({ status: 200, body: first.body });
    expect(server.store.data.waitlistEntries.filter((entry) => entry.emailAddress === 'twice@example.com')).toHaveLength(1);
  });

  it('refuses a malformed address and a missing one with 422 under email_address, which <Waitlist> shows by the field', async () => {
    const page = await browser();
    const malformed = await page.call<ErrorAnswer>('POST', '/waitlist', { email_address: 'not-an-address' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0]).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'email_address' } });
    const missing = await page.call<ErrorAnswer>('POST', '/waitlist', {});
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'form_param_missing', meta: { param_name: 'email_address' } });
    expect(server.store.data.waitlistEntries).toEqual([]);
  });

  it('refuses a parameter the endpoint does not take with 422 form_param_unknown', async () => {
    const answer = await (await browser()).call<ErrorAnswer>('POST', '/waitlist', { email_address: 'x@example.com', first_name: 'X' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code: 'form_param_unknown', meta: { param_name: 'first_name' } });
  });

  it('leaves sign-up public: the waitlist is reached through <Waitlist>, not by the sign-up mode', async () => {
    const environment = await (await browser()).call<{ user_settings: { sign_up: { mode: string } } }>('GET', '/environment');
    expect(environment.body.user_settings.sign_up.mode).toBe('public');
  });

  it('completes an invited entry when its address signs up, and leaves a pending one pending', async () => {
    const page = await browser();
    const invited = await page.call<EntryAnswer>('POST', '/waitlist', { email_address: 'invited+clerk_test@example.com' });
    const pending = await page.call<EntryAnswer>('POST', '/waitlist', { email_address: 'pending+clerk_test@example.com' });
    const invite = await fetch(`${server.url}/v1/waitlist_entries/${invited.body.id}/invite`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.secretKey}` },
    });
    expect(invite.status).toBe(200);
    for (const email of ['invited+clerk_test@example.com', 'pending+clerk_test@example.com']) {
      const signUp = await browser();
      const created = await signUp.call('POST', '/client/sign_ups', { email_address: email, password: 'a-long-password' });
      await signUp.call('POST', `/client/sign_ups/${created.body.response.id}/prepare_verification`, { strategy: 'email_code' });
      const verified = await signUp.call('POST', `/client/sign_ups/${created.body.response.id}/attempt_verification`, {
        strategy: 'email_code',
        code: LOCAL_VERIFICATION_CODE,
      });
      expect(verified.body.response.status).toBe('complete');
    }
    expect(server.store.waitlistEntryById(invited.body.id)?.status).toBe('completed');
    expect(server.store.waitlistEntryById(pending.body.id)?.status).toBe('pending');
  });
});
