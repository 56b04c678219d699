import { RedirectToSignIn } from '@clerk/react';
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedOutClerk } from '@/testing/local-identity/clerk-instances.ts';
import { renderWithLocalClerk } from '@/testing/local-identity/render-with-clerk.tsx';
import { afterAuthPath, buildAuthUrl, sameOriginPath, withCurrentRedirectParams } from './navigation.ts';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('auth URLs', () => {
  it('redirectToSignIn goes to /sign-in with redirect_url set to the current page', async () => {
    window.history.replaceState(null, '', '/dashboard?tab=posts');
    const clerk = createSignedOutClerk();
    const { navigations } = renderWithLocalClerk(clerk, <RedirectToSignIn />);
    const expected = `/sign-in?redirect_url=${encodeURIComponent(`${window.location.origin}/dashboard?tab=posts`)}`;
    await waitFor(() => expect(navigations).toEqual([expected]));
    expect(clerk.buildSignInUrl()).toBe(expected);
  });

  it('keeps an absolute sign-in URL absolute and adds force/fallback params', () => {
    expect(buildAuthUrl('https://accounts.example.com/sign-in', { redirectUrl: '/x', signInForceRedirectUrl: '/y' })).toBe(
      'https://accounts.example.com/sign-in?redirect_url=%2Fx&sign_in_force_redirect_url=%2Fy',
    );
  });

  it('accepts same-origin http(s) targets only', () => {
    expect(sameOriginPath(`${window.location.origin}/a?b=1#c`)).toBe('/a?b=1#c');
    expect(sameOriginPath('/relative')).toBe('/relative');
    expect(sameOriginPath('https://evil.example/phish')).toBeNull();
    expect(sameOriginPath('javascript:alert(1)')).toBeNull();
    expect(sameOriginPath('//evil.example/x')).toBeNull();
  });

  it('prefers force, then a same-origin redirect_url, then the fallback, then /', () => {
    expect(afterAuthPath({ force: '/forced', redirectUrl: '/back', fallback: '/fallback' })).toBe('/forced');
    expect(afterAuthPath({ redirectUrl: '/back', fallback: '/fallback' })).toBe('/back');
    expect(afterAuthPath({ redirectUrl: 'https://evil.example/', fallback: '/fallback' })).toBe('/fallback');
    expect(afterAuthPath({})).toBe('/');
  });

  it('carries the redirect params of the current page to the other auth screen', () => {
    window.history.replaceState(null, '', `/sign-in?redirect_url=${encodeURIComponent(`${window.location.origin}/dashboard`)}`);
    expect(withCurrentRedirectParams('/sign-up')).toBe(`/sign-up?redirect_url=${encodeURIComponent(`${window.location.origin}/dashboard`)}`);
    window.history.replaceState(null, '', '/sign-in');
    expect(withCurrentRedirectParams('/sign-up')).toBe('/sign-up');
  });
});
