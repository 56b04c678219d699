import { OrganizationSwitcher, Show, UserButton, useAuth } from '@clerk/react';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/local-identity/clerk-instances.ts';
import { fixtureSession } from '@/testing/local-identity/fixture-store.ts';
import { renderWithLocalClerk } from '@/testing/local-identity/render-with-clerk.tsx';
import { resetLocalIdentityFixtures } from '@/testing/mocks/handlers/local-identity.ts';

function OrgRole() {
  const { orgSlug, orgRole, has } = useAuth();
  return (
    <p data-testid="org">
      {orgSlug ?? 'personal'} {orgRole ?? '-'} {has({ permission: 'org:posts:manage' }) ? 'can-manage-posts' : 'cannot-manage-posts'}
    </p>
  );
}

beforeEach(() => resetLocalIdentityFixtures());

describe('local <UserButton>', () => {
  it('opens a menu with the user’s name and email that Escape closes, returning focus', async () => {
    const { user } = renderWithLocalClerk(createSignedInClerk('admin'), <UserButton />);
    const button = await screen.findByRole('button', { name: 'Open user menu for Ada Lovelace' });
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.click(button);
    const menu = screen.getByRole('menu', { name: 'User menu' });
    expect(menu).toHaveTextContent('Ada Lovelace');
    expect(menu).toHaveTextContent('admin@example.com');
    expect(screen.getByRole('menuitem', { name: 'Sign out' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('closes when the user clicks elsewhere', async () => {
    const { user } = renderWithLocalClerk(createSignedInClerk('member'), <><p>elsewhere</p><UserButton /></>);
    await user.click(await screen.findByRole('button', { name: /Open user menu/ }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(screen.getByText('elsewhere'));
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('signs out from the keyboard and goes to afterSignOutUrl', async () => {
    const clerk = createSignedInClerk('moderator');
    const { user, navigations } = renderWithLocalClerk(
      clerk,
      <>
        <Show when="signed-in"><UserButton /></Show>
        <Show when="signed-out"><p>signed out</p></Show>
      </>,
    );
    const button = await screen.findByRole('button', { name: /Open user menu/ });
    const sessionId = clerk.session!.id;
    button.focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');

    expect(await screen.findByText('signed out')).toBeInTheDocument();
    expect(fixtureSession(sessionId)?.status).toBe('ended');
    expect(navigations).toEqual(['/']);
  });
});

describe('local <OrganizationSwitcher>', () => {
  it('shows the personal account, lists memberships and activates the chosen organization', async () => {
    const { user } = renderWithLocalClerk(createSignedInClerk('orgAdmin'), <><OrgRole /><OrganizationSwitcher /></>);
    const trigger = await screen.findByRole('button', { name: 'Switch organization (current: Personal account)' });
    expect(screen.getByTestId('org')).toHaveTextContent('personal - cannot-manage-posts');

    await user.click(trigger);
    expect(screen.getByRole('menuitemradio', { name: 'Personal account' })).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByRole('menuitemradio', { name: 'Acme Inc' }));

    await waitFor(() => expect(screen.getByTestId('org')).toHaveTextContent('acme org:admin can-manage-posts'));
    expect(screen.getByRole('button', { name: 'Switch organization (current: Acme Inc)' })).toHaveFocus();
  });

  it('switches back to the personal account', async () => {
    const { user } = renderWithLocalClerk(createSignedInClerk('member', { activeOrgSlug: 'acme' }), <><OrgRole /><OrganizationSwitcher /></>);
    await user.click(await screen.findByRole('button', { name: 'Switch organization (current: Acme Inc)' }));
    await user.click(screen.getByRole('menuitemradio', { name: 'Personal account' }));
    await waitFor(() => expect(screen.getByTestId('org')).toHaveTextContent('personal - cannot-manage-posts'));
  });
});
