import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk, type TestClerk } from '@/testing/clerk/test-clerk.ts';
import { addMembership, addPersona, personaId, testOrganization, updateOrganization, type OrganizationSlug } from '@/testing/clerk/personas.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

const ACME = localOrganization('acme').id;

const switcher = () => screen.getByTestId('clerk-organization-switcher');

/**
 * What Clerk's `<OrganizationSwitcher>` does when an account is picked in it: `setActive` with the
 * header's own redirect for that choice (Clerk fills in `:slug`), null being the personal account.
 */
async function pickInSwitcher(clerk: TestClerk, organization: OrganizationSlug | null) {
  await waitFor(() => expect(clerk.test.mountedProps('OrganizationSwitcher')).toBeDefined());
  const props = clerk.test.mountedProps('OrganizationSwitcher')!;
  const target = organization ? testOrganization(organization) : null;
  const redirectUrl = target ? String(props.afterSelectOrganizationUrl).replace(':slug', target.slug) : String(props.afterSelectPersonalUrl);
  await act(() => clerk.setActive({ organization: target?.id ?? null, redirectUrl }));
}

/** Counts the organization switches the app asks Clerk for from now on. */
function countSwitches(clerk: TestClerk) {
  const counter = { switches: 0 };
  const setActive = clerk.setActive.bind(clerk);
  clerk.setActive = async (params) => {
    if (params.organization !== undefined) counter.switches += 1;
    return setActive(params);
  };
  return counter;
}

/**
 * Someone no earlier test signed in as: @clerk/react caches a user's membership list across tests
 * (by user id), and these tests need it read afresh, as after a reload.
 */
async function signedInNewcomerOfAcme(): Promise<TestClerk> {
  const persona = await addPersona({ firstName: 'Ada', lastName: 'Newcomer', emailAddress: 'ada@example.com' });
  await addMembership(persona.id, 'acme', 'org:admin');
  return createSignedInClerk(persona);
}

/** The first test of the file loads the lazy route modules: slow on a busy machine. */
const FIRST_PAGE_LOAD = { timeout: 5_000 };

const ORGANIZATION_PAGES = [
  { path: '/orgs/acme', heading: 'Acme Inc' },
  { path: '/orgs/acme/members', heading: 'Acme Inc members' },
  { path: '/orgs/acme/settings', heading: 'Acme Inc settings' },
];

describe('the organization in the URL and the active organization agree', () => {
  it.each(ORGANIZATION_PAGES)(
    'choosing the personal account on $path leaves for /posts, and the next post is personal',
    async ({ path, heading }) => {
      const clerk = await createSignedInClerk('orgAdmin');
      const { user } = await renderApp({ route: path, clerk });
      expect(await screen.findByRole('heading', { level: 1, name: heading }, FIRST_PAGE_LOAD)).toBeInTheDocument();
      expect(clerk.session?.lastActiveOrganizationId).toBe(ACME);
      const counter = countSwitches(clerk);
      const requests = recordApiRequests();

      await pickInSwitcher(clerk, null);

      expect(await screen.findByRole('heading', { level: 1, name: 'Posts' })).toBeInTheDocument();
      expect(window.location.pathname).toBe('/posts');
      expect(switcher()).toHaveAttribute('data-state', 'Personal account');
      // The page being left never set its organization back.
      expect(clerk.session?.lastActiveOrganizationId).toBeNull();
      expect(counter.switches).toBe(1);

      await user.type(screen.getByLabelText('Title'), 'A personal note');
      await user.type(screen.getByLabelText('Body'), 'Written after leaving Acme.');
      await user.click(screen.getByRole('button', { name: 'Publish' }));
      expect(await screen.findByRole('article', { name: 'A personal note' })).toBeInTheDocument();
      expect(requests.to('POST', '/api/posts').map((request) => request.orgSlug)).toEqual([null]);
    },
    20_000,
  );

  it.each(ORGANIZATION_PAGES)("choosing another organization on $path goes to that organization's page", async ({ path, heading }) => {
    await addMembership(personaId('orgAdmin'), 'globex', 'org:member');
    const clerk = await createSignedInClerk('orgAdmin');
    await renderApp({ route: path, clerk });
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();

    await pickInSwitcher(clerk, 'globex');

    expect(await screen.findByRole('heading', { level: 1, name: 'Globex' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/orgs/globex');
    expect(clerk.session?.lastActiveOrganizationId).toBe(localOrganization('globex').id);
  });

  it('activates the organization again when the user comes back to its page after leaving it', async () => {
    const clerk = await createSignedInClerk('orgAdmin');
    const { router } = await renderApp({ route: '/orgs/acme', clerk });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc' });
    await pickInSwitcher(clerk, null);
    await screen.findByRole('heading', { level: 1, name: 'Posts' });

    await act(() => router.navigate(-1));

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/orgs/acme');
    expect(clerk.session?.lastActiveOrganizationId).toBe(ACME);
  });

  it('follows a new slug saved in the organization profile to the new URL, on the same page', async () => {
    const clerk = await createSignedInClerk('orgAdmin');
    await renderApp({ route: '/orgs/acme/settings', clerk });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc settings' });
    const counter = countSwitches(clerk);

    await act(() => clerk.test.updateActiveOrganization({ slug: 'acme-labs' }));

    await waitFor(() => expect(window.location.pathname).toBe('/orgs/acme-labs/settings'));
    expect(screen.getByRole('heading', { level: 1, name: 'Acme Inc settings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Acme Inc' })).toHaveAttribute('href', '/orgs/acme-labs');
    expect(clerk.test.mountedProps('OrganizationProfile')).toMatchObject({ path: '/orgs/acme-labs/settings' });
    expect(clerk.session?.lastActiveOrganizationId).toBe(ACME);
    expect(counter.switches).toBe(0);
  });

  it('shows a new name in the heading and the back link at once', async () => {
    const clerk = await createSignedInClerk('orgAdmin');
    await renderApp({ route: '/orgs/acme/settings', clerk });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc settings' });

    await act(() => clerk.test.updateActiveOrganization({ name: 'Acme Labs' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Labs settings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Acme Labs' })).toHaveAttribute('href', '/orgs/acme');
    await waitFor(() => expect(document.title).toBe('Acme Labs settings · Clerk SPA + API'));
  });

  it('opens the new slug after a reload with the organization active', async () => {
    await updateOrganization('acme', { slug: 'acme-labs' });
    await renderApp({ route: '/orgs/acme-labs/settings', clerk: await createSignedInClerk('orgAdmin', { activeOrgSlug: 'acme' }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc settings' })).toBeInTheDocument();
  });

  it('opens the new slug after a reload with the personal account active, and activates it', async () => {
    await updateOrganization('acme', { slug: 'acme-labs' });
    const clerk = await signedInNewcomerOfAcme();
    await renderApp({ route: '/orgs/acme-labs', clerk });
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(clerk.session?.lastActiveOrganizationId).toBe(ACME);
  });

  it('says "not a member" for the old slug once it changed', async () => {
    await updateOrganization('acme', { slug: 'acme-labs' });
    await renderApp({ route: '/orgs/acme', clerk: await signedInNewcomerOfAcme() });
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
  });
});
