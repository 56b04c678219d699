/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';

/**
 * Billing, answered as Clerk answers an instance with billing off: the environment says so, and every billing call
 * is Clerk's `billing_not_enabled` (403, or the spec's 400 where an operation lists no 403), never a 404.
 */
const server = useSeededEmulator({ per: 'file' });
let browser: FapiBrowser;

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

const acmeId = () => server.store.organizationByIdOrSlug('acme')!.id;

async function expectBillingOff(method: string, path: string, status: 400 | 403, form?: Record<string, string>) {
  const answer = await browser.call(method, path, form);
  expect({ path, status: answer.status, code: answer.body.errors?.[0]?.code }).toEqual({ path, status, code: 'billing_not_enabled' });
}

describe('billing, off as the environment says', () => {
  it('is disabled for users and organizations in the environment, with no paid plans and no Stripe key', async () => {
    const environment = await browser.call('GET', '/environment');
    expect((environment.body as unknown as { commerce_settings: unknown }).commerce_settings).toMatchObject({
      billing: {
        stripe_publishable_key: null,
        user: { enabled: false, has_paid_plans: false },
        organization: { enabled: false, has_paid_plans: false },
      },
    });
  });

  it("refuses the user's billing lists and actions with 403 billing_not_enabled", async () => {
    await browser.signIn(localAccount('member').emailAddress, LOCAL_SEED_PASSWORD);
    for (const path of ['/me/billing/statements', '/me/billing/statements/stmt_1', '/me/billing/payment_attempts', '/me/billing/payment_methods']) {
      await expectBillingOff('GET', path, 403);
    }
    await expectBillingOff('POST', '/me/billing/checkouts', 403, { plan_id: 'cplan_1', plan_period: 'month' });
    await expectBillingOff('POST', '/me/billing/payment_methods/initialize', 403, { gateway: 'stripe' });
    await expectBillingOff('PUT', '/me/billing/payers/default_payment_method', 403, { payment_method_id: 'pm_1' });
    await expectBillingOff('DELETE', '/me/billing/subscription_items/csub_1', 403);
  });

  it('answers 400 billing_not_enabled where the spec lists no 403 for the operation', async () => {
    await browser.signIn(localAccount('member').emailAddress, LOCAL_SEED_PASSWORD);
    await expectBillingOff('GET', '/me/billing/subscription', 400);
    await expectBillingOff('GET', '/me/billing/subscription_items', 400);
    await expectBillingOff('POST', '/me/billing/payment_methods', 400, { gateway: 'stripe', payment_token: 'tok_1' });
    await expectBillingOff('GET', '/me/billing/checkouts/chk_1', 400);
    await expectBillingOff('PATCH', '/me/billing/checkouts/chk_1/confirm', 400, { payment_source_id: 'pm_1' });
    await expectBillingOff('GET', '/billing/plans/cplan_1', 400);
  });

  it("refuses an organization's billing with 403 billing_not_enabled", async () => {
    await browser.signIn(localAccount('orgAdmin').emailAddress, LOCAL_SEED_PASSWORD);
    for (const path of ['statements', 'payment_methods', 'subscription', 'subscription_items', 'checkouts/chk_1']) {
      await expectBillingOff('GET', `/organizations/${acmeId()}/billing/${path}`, 403);
    }
    await expectBillingOff('POST', `/organizations/${acmeId()}/billing/checkouts`, 403, { plan_id: 'cplan_1', plan_period: 'month' });
  });

  it("refuses the plans <PricingTable> lists, signed in or not, and asks a signed-out caller of the user's billing to sign in", async () => {
    await expectBillingOff('GET', '/billing/plans', 403);
    const signedOut = await browser.call('GET', '/me/billing/statements');
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.errors[0]!.code).toBe('signed_out');
  });
});
