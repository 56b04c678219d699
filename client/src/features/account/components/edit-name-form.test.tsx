import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { personaId, updatePersona } from '@/testing/clerk/personas.ts';
import { profileUpdateHandlers } from '@/testing/mocks/handlers/profile.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

async function openEditName() {
  const requests = recordApiRequests();
  const utils = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
  const card = await screen.findByRole('region', { name: 'Your profile, from the API' });
  await utils.user.click(await within(card).findByRole('button', { name: 'Edit name' }));
  const form = within(card).getByRole('form', { name: 'Edit name' });
  return {
    ...utils,
    requests,
    card,
    firstName: within(form).getByLabelText('First name'),
    lastName: within(form).getByLabelText('Last name'),
    save: within(form).getByRole('button', { name: 'Save name' }),
  };
}

describe('editing the name on the profile card', () => {
  it('saves the name, refreshes the profile and Clerk’s user (header and account card)', async () => {
    const { user, requests, card, firstName, lastName, save } = await openEditName();
    expect(firstName).toHaveValue('Alan');
    expect(lastName).toHaveValue('Turing');

    await user.clear(firstName);
    await user.type(firstName, 'Alonzo');
    await user.clear(lastName);
    await user.type(lastName, 'Church');
    await user.click(save);

    expect(await within(card).findByTestId('api-profile')).toHaveTextContent('Alonzo Church');
    const account = screen.getByRole('region', { name: 'Your account' });
    expect(await within(account).findByText('Alonzo Church')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('clerk-user-button')).toHaveAttribute('data-state', 'Alonzo Church'));
    expect(requests.to('PATCH', '/api/me/profile')).toHaveLength(1);
  });

  it('refuses an empty first name before calling the API', async () => {
    const { user, requests, firstName, save } = await openEditName();

    await user.clear(firstName);
    await user.click(save);

    expect(firstName).toHaveAccessibleDescription(/Enter a first name/);
    expect(firstName).toBeInvalid();
    expect(requests.to('PATCH', '/api/me/profile')).toHaveLength(0);
  });

  it('refuses characters the API refuses, before calling it', async () => {
    const { user, requests, lastName, save } = await openEditName();

    await user.type(lastName, '<b>');
    await user.click(save);

    expect(lastName).toHaveAccessibleDescription(/Use letters, spaces and punctuation only/);
    expect(requests.to('PATCH', '/api/me/profile')).toHaveLength(0);
  });

  it("shows the API's 400 field error under the field", async () => {
    server.use(profileUpdateHandlers.firstNameRejected);
    const { user, card, firstName, save } = await openEditName();

    await user.click(save);

    expect(await within(card).findByText('This name is reserved')).toBeInTheDocument();
    expect(firstName).toBeInvalid();
  });

  it('shows the pending state while the API works', async () => {
    server.use(profileUpdateHandlers.pending);
    const { user, card, save } = await openEditName();

    await user.click(save);
    expect(await within(card).findByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(within(card).getByRole('form', { name: 'Edit name' })).toHaveAttribute('aria-busy', 'true');
  });

  it('shows a server error in place and keeps the form', async () => {
    server.use(profileUpdateHandlers.serverError);
    const { user, card, save } = await openEditName();

    await user.click(save);

    expect(await within(card).findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
    expect(within(card).getByRole('form', { name: 'Edit name' })).toBeInTheDocument();
  });

  it('says Saved once the name is saved, until the name changes in Clerk', async () => {
    const { user, clerk, card, firstName, save } = await openEditName();

    await user.clear(firstName);
    await user.type(firstName, 'Alonzo');
    await user.click(save);
    expect(await within(card).findByRole('status')).toHaveTextContent('Saved');
    expect(within(card).getByTestId('api-profile')).toHaveTextContent('Alonzo Turing');

    // What Clerk's <UserProfile> does on save: the name the message was about is no longer the name.
    await updatePersona(personaId('member'), { firstName: 'Alan' });
    await act(() => clerk.user!.reload());
    expect(await within(card).findByText('Alan Turing')).toBeInTheDocument();
    expect(within(card).queryByRole('status')).not.toBeInTheDocument();
  });

  it('no longer says Saved once the name is being edited again', async () => {
    const { user, card, save } = await openEditName();

    await user.click(save);
    expect(await within(card).findByRole('status')).toHaveTextContent('Saved');
    await user.click(within(card).getByRole('button', { name: 'Edit name' }));
    expect(within(card).queryByRole('status')).not.toBeInTheDocument();
  });
});
