/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { environmentJson } from './environment.ts';
import { refuseWhatClerkRefuses } from './form-rules.ts';

const server = useSeededEmulator();
let browser: FapiBrowser;

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

function expectRefused(
  answer: { status: number; body: { errors: { code: string; meta?: Record<string, unknown> }[] } },
  code: string,
  params: string[],
) {
  expect(answer.status).toBe(422);
  expect(answer.body.errors.map((error) => [error.code, error.meta?.param_name])).toEqual(params.map((param) => [code, param]));
}

describe('parameters Clerk does not know, or the environment turns off', () => {
  it.each([
    ['a sign-up', 'POST', '/client/sign_ups', { email_address: 'new@example.com', username: 'newbie' }, ['username']],
    ['a sign-up', 'POST', '/client/sign_ups', { email_address: 'new@example.com', phone_number: '+15555550100' }, ['phone_number']],
    [
      'a sign-up',
      'POST',
      '/client/sign_ups',
      { email_address: 'new@example.com', favourite_colour: 'blue', role: 'admin' },
      ['favourite_colour', 'role'],
    ],
    ['a sign-in', 'POST', '/client/sign_ins', { identifier: 'member@example.com', remember_me: 'true' }, ['remember_me']],
  ])('refuses them on %s with 422 form_param_unknown, one error per parameter', async (_name, method, path, form, params) => {
    expectRefused(await browser.call(method, path, form), 'form_param_unknown', params);
  });

  it('refuses them on PATCH /v1/me, organizations and sessions too, and changes nothing', async () => {
    await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    expectRefused(await browser.call('PATCH', '/me', { first_name: 'Changed', username: 'alan' }), 'form_param_unknown', ['username']);
    expect(server.store.userByEmail('member@example.com')!.firstName).toBe('Alan');
    expectRefused(await browser.call('POST', '/organizations', { name: 'Acme', public_metadata: '{}' }), 'form_param_unknown', ['public_metadata']);
    expectRefused(await browser.call('POST', `/client/sessions/${browser.sessionId}/touch`, { user_id: 'x' }), 'form_param_unknown', ['user_id']);
  });

  it('accepts what clerk-js 6 sends with every sign-up and sign-in (locale, timezone, captcha fields)', async () => {
    const extras = { locale: 'en-GB', timezone: 'Europe/London', captcha_token: '', captcha_widget_type: '', captcha_error: '' };
    expect((await browser.call('POST', '/client/sign_ups', { email_address: 'extras@example.com', first_name: 'Ex', ...extras })).status).toBe(200);
    expect((await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com', ...extras })).status).toBe(200);
  });

  it('derives what it refuses from the environment: username is accepted once usernames are on', () => {
    const environment = environmentJson('test', '6.40.0');
    const withUsernames = structuredClone(environment);
    withUsernames.user_settings.attributes.username = { ...withUsernames.user_settings.attributes.username, enabled: true };
    const outcome = (env: typeof environment) => {
      const req = { method: 'POST', path: '/client/sign_ups', body: { email_address: 'a@example.com', username: 'ada' } };
      try {
        let passed = false;
        refuseWhatClerkRefuses(env)(req as never, {} as never, () => (passed = true));
        return passed ? 'accepted' : 'stopped';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(outcome(environment)).toBe('form_param_unknown');
    expect(outcome(withUsernames)).toBe('accepted');
  });
});

describe('strategies the instance does not offer', () => {
  it.each(['phone_code', 'oauth_google', 'email_link', 'web3_metamask_signature'])(
    'refuses a sign-in with strategy %s: 422 strategy_for_user_invalid',
    async (strategy) => {
      const created = await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com' });
      expectRefused(
        await browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, { strategy, code: '424242' }),
        'strategy_for_user_invalid',
        ['strategy'],
      );
      expectRefused(await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com', strategy }), 'strategy_for_user_invalid', [
        'strategy',
      ]);
    },
  );

  it('takes an invitation ticket to start a sign-in or a sign-up, not as a later sign-in factor', async () => {
    const created = await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com' });
    const answer = await browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'ticket',
      ticket: 'x',
    });
    expectRefused(answer, 'strategy_for_user_invalid', ['strategy']);
    // Past the rules: the handlers ask for the ticket itself.
    expectRefused(await browser.call('POST', '/client/sign_ins', { strategy: 'ticket' }), 'form_param_missing', ['ticket']);
    expectRefused(await browser.call('POST', '/client/sign_ups', { strategy: 'ticket' }), 'form_param_missing', ['ticket']);
  });

  it.each(['oauth_google', 'saml'])('refuses a sign-up with strategy %s: 422 form_param_value_invalid', async (strategy) => {
    expectRefused(await browser.call('POST', '/client/sign_ups', { strategy }), 'form_param_value_invalid', ['strategy']);
  });

  it('refuses to verify a sign-up by phone', async () => {
    const created = await browser.call('POST', '/client/sign_ups', { email_address: 'phone@example.com' });
    const answer = await browser.call('POST', `/client/sign_ups/${created.body.response.id}/prepare_verification`, { strategy: 'phone_code' });
    expectRefused(answer, 'form_param_value_invalid', ['strategy']);
  });

  it('still takes the password and the email code', async () => {
    const created = await browser.call('POST', '/client/sign_ins', { identifier: 'member@example.com' });
    const attempt = await browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: LOCAL_SEED_PASSWORD,
    });
    expect(attempt.body.response.status).toBe('complete');
  });
});

describe('names with control characters', () => {
  it.each([
    ['first_name', 'Ada\u0000'],
    ['last_name', 'Love\nlace'],
    ['first_name', '\u202Eadmin'],
    ['last_name', '\u0007'],
  ])('refuses %s %j on a sign-up with 422 form_param_format_invalid', async (param, value) => {
    const answer = await browser.call('POST', '/client/sign_ups', { email_address: 'names@example.com', [param]: value });
    expectRefused(answer, 'form_param_format_invalid', [param]);
  });

  it('refuses them on PATCH /v1/me and on organization names and slugs', async () => {
    await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    expectRefused(await browser.call('PATCH', '/me', { first_name: 'A\u0000da' }), 'form_param_format_invalid', ['first_name']);
    expectRefused(await browser.call('POST', '/organizations', { name: 'Acme\r\nInc' }), 'form_param_format_invalid', ['name']);
    expectRefused(await browser.call('POST', '/organizations', { name: 'Quux', slug: 'quux\u0000' }), 'form_param_format_invalid', ['slug']);
    expect(server.store.data.organizations.filter((org) => org.name.startsWith('Acme\r') || org.name === 'Quux')).toEqual([]);
  });

  it('accepts letters from any script', async () => {
    await browser.signIn('member@example.com', LOCAL_SEED_PASSWORD);
    const answer = await browser.call('PATCH', '/me', { first_name: 'Zoë 李', last_name: "O'Brien-Ñúñez" });
    expect(answer.status).toBe(200);
    expect(answer.body.response.first_name).toBe('Zoë 李');
  });
});
