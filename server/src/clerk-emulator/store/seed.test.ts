import { describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_ORGANIZATIONS } from '#shared/local-clerk';
import { verifyPassword } from './passwords.ts';
import { SEED_PASSWORD, seedData } from './seed.ts';

describe('the seed', () => {
  it('has the five documented accounts, with app roles only for admin and moderator', async () => {
    const data = await seedData(1_700_000_000_000);
    const byEmail = Object.fromEntries(data.users.map((user) => [user.emailAddresses[0]!.emailAddress, user]));
    expect(Object.keys(byEmail).sort()).toEqual([
      'admin@example.com',
      'member@example.com',
      'moderator@example.com',
      'orgadmin@example.com',
      'outsider@example.com',
    ]);
    expect(byEmail['admin@example.com']).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', publicMetadata: { role: 'admin' } });
    expect(byEmail['moderator@example.com']).toMatchObject({ firstName: 'Grace', publicMetadata: { role: 'moderator' } });
    for (const email of ['member@example.com', 'orgadmin@example.com', 'outsider@example.com']) {
      expect(byEmail[email]?.publicMetadata).toEqual({});
    }
    for (const user of data.users) {
      expect(user.id).toMatch(/^user_[0-9A-Za-z]{27}$/);
      expect(user.primaryEmailAddressId).toMatch(/^idn_/);
      expect(Object.keys(user.privateMetadata).length).toBeGreaterThan(0);
      expect(await verifyPassword(SEED_PASSWORD, user.passwordHash ?? '')).toBe(true);
    }
  });

  it('gives every seeded user and organization the id of shared/local-clerk.ts, which the test suites use too', async () => {
    const data = await seedData();
    expect(data.users.map((user) => [user.emailAddresses[0]!.emailAddress, user.id])).toEqual(
      LOCAL_ACCOUNTS.map((account) => [account.emailAddress, account.id]),
    );
    expect(data.organizations.map((organization) => [organization.slug, organization.id])).toEqual(
      LOCAL_ORGANIZATIONS.map((organization) => [organization.slug, organization.id]),
    );
  });

  it('puts the documented people in Acme and Globex with their roles', async () => {
    const data = await seedData();
    const emailOf = (userId: string) => data.users.find((user) => user.id === userId)!.emailAddresses[0]!.emailAddress;
    const slugOf = (orgId: string) => data.organizations.find((org) => org.id === orgId)!.slug;
    const memberships = data.memberships.map((m) => `${emailOf(m.userId)} ${m.role} ${slugOf(m.organizationId)}`).sort();
    expect(memberships).toEqual([
      'admin@example.com org:admin globex',
      'member@example.com org:member acme',
      'moderator@example.com org:member acme',
      'orgadmin@example.com org:admin acme',
      'outsider@example.com org:member globex',
    ]);
    expect(data.organizations.map(({ name, slug }) => ({ name, slug }))).toEqual([
      { name: 'Acme Inc', slug: 'acme' },
      { name: 'Globex', slug: 'globex' },
    ]);
  });
});
