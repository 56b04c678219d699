import { SignIn, SignUp, useUser } from '@clerk/react';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { env } from '@/config/env.ts';
import { createSignedOutClerk } from '@/testing/local-identity/clerk-instances.ts';
import { fixtureUserByEmail } from '@/testing/local-identity/fixture-store.ts';
import { renderWithLocalClerk } from '@/testing/local-identity/render-with-clerk.tsx';
import { resetLocalIdentityFixtures } from '@/testing/mocks/handlers/local-identity.ts';
import { server } from '@/testing/mocks/server.ts';

function UserName() {
  const { user } = useUser();
  return <p data-testid="user">{user?.fullName ?? 'nobody'}</p>;
}

beforeEach(() => resetLocalIdentityFixtures());
afterEach(() => window.history.replaceState(null, '', '/'));

describe('local <SignIn>', () => {
  it('shows the server’s password error beside the password field', async () => {
    const { user } = renderWithLocalClerk(createSignedOutClerk(), <SignIn />);
    await user.type(await screen.findByLabelText('Email address'), 'admin@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(/Password is incorrect/);
    expect(screen.getByLabelText('Email address')).not.toHaveAttribute('aria-invalid');
  });

  it('checks the fields before asking the server', async () => {
    let requests = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/sign_ins')) requests += 1;
    });
    const { user } = renderWithLocalClerk(createSignedOutClerk(), <SignIn />);
    await user.type(await screen.findByLabelText('Email address'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Enter a valid email address');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
    expect(requests).toBe(0);
    server.events.removeAllListeners();
  });

  it('says when the identity server cannot be reached', async () => {
    server.use(http.post(`${env.localIdentityUrl}/v1/client/sign_ins`, () => HttpResponse.error()));
    const { user } = renderWithLocalClerk(createSignedOutClerk(), <SignIn />);
    await user.click(await screen.findByRole('button', { name: 'Fill in member@example.com' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Could not reach the local identity server/);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('fills a seeded account in one click and returns to a same-origin redirect_url', async () => {
    const back = `${window.location.origin}/dashboard?tab=posts`;
    window.history.replaceState(null, '', `/sign-in?redirect_url=${encodeURIComponent(back)}`);
    const { user, navigations } = renderWithLocalClerk(createSignedOutClerk(), <><UserName /><SignIn fallbackRedirectUrl="/fallback" /></>);
    const localNote = await screen.findByRole('region', { name: 'Local mode' });
    expect(localNote).toHaveTextContent(/development stand-in/);

    await user.click(within(localNote).getByRole('button', { name: 'Fill in orgadmin@example.com' }));
    expect(screen.getByLabelText('Email address')).toHaveValue('orgadmin@example.com');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(screen.getByTestId('user')).toHaveTextContent('Katherine Johnson'));
    expect(navigations).toEqual(['/dashboard?tab=posts']);
  });

  it('ignores a redirect_url on another origin and uses the fallback', async () => {
    window.history.replaceState(null, '', `/sign-in?redirect_url=${encodeURIComponent('https://evil.example/steal')}`);
    const { user, navigations } = renderWithLocalClerk(createSignedOutClerk(), <><UserName /><SignIn fallbackRedirectUrl="/fallback" /></>);
    await user.click(await screen.findByRole('button', { name: 'Fill in member@example.com' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('user')).toHaveTextContent('Alan Turing'));
    expect(navigations).toEqual(['/fallback']);
  });

  it('links to sign-up keeping the redirect_url', async () => {
    const back = `${window.location.origin}/dashboard`;
    window.history.replaceState(null, '', `/sign-in?redirect_url=${encodeURIComponent(back)}`);
    const { user, navigations } = renderWithLocalClerk(createSignedOutClerk(), <SignIn />);
    const link = await screen.findByRole('link', { name: 'Sign up' });
    expect(link).toHaveAttribute('href', `/sign-up?redirect_url=${encodeURIComponent(back)}`);
    await user.click(link);
    expect(navigations).toEqual([`/sign-up?redirect_url=${encodeURIComponent(back)}`]);
  });
});

describe('local <SignUp>', () => {
  it('creates an account, signs it in and goes to the fallback', async () => {
    const { user, navigations } = renderWithLocalClerk(createSignedOutClerk(), <><UserName /><SignUp fallbackRedirectUrl="/welcome" /></>);
    await user.type(await screen.findByLabelText('First name'), 'Barbara');
    await user.type(screen.getByLabelText('Last name'), 'Liskov');
    await user.type(screen.getByLabelText('Email address'), 'Barbara@Example.com');
    await user.type(screen.getByLabelText('Password'), 'substitution');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(screen.getByTestId('user')).toHaveTextContent('Barbara Liskov'));
    expect(fixtureUserByEmail('barbara@example.com')).toMatchObject({ firstName: 'Barbara' });
    expect(navigations).toEqual(['/welcome']);
  });

  it('asks for at least 8 password characters and shows a taken email beside the field', async () => {
    const { user } = renderWithLocalClerk(createSignedOutClerk(), <SignUp />);
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Email address'), 'admin@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Use at least 8 characters/);

    await user.type(screen.getByLabelText('Password'), '-but-longer');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(/That email address is taken/));
  });
});
