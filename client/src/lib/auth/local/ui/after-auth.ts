import type { LocalClerk } from '../local-clerk.ts';
import { afterAuthPath, currentSearchParam } from '../navigation.ts';
import type { LocalComponentProps } from './component-mounts.ts';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Where a successful sign-in or sign-up goes, with Clerk's precedence: the
 * component's force URL (or the URL's / provider's), then a same-origin
 * `redirect_url` from this page's query, then the fallbacks, then `/`.
 */
export function afterAuthTarget(clerk: LocalClerk, kind: 'signIn' | 'signUp', props: LocalComponentProps): string {
  const prefix = kind === 'signIn' ? 'sign_in' : 'sign_up';
  return afterAuthPath({
    force:
      text(props.forceRedirectUrl) ??
      currentSearchParam(`${prefix}_force_redirect_url`) ??
      clerk.option(kind === 'signIn' ? 'signInForceRedirectUrl' : 'signUpForceRedirectUrl'),
    redirectUrl: currentSearchParam('redirect_url'),
    fallback:
      text(props.fallbackRedirectUrl) ??
      currentSearchParam(`${prefix}_fallback_redirect_url`) ??
      clerk.option(kind === 'signIn' ? 'signInFallbackRedirectUrl' : 'signUpFallbackRedirectUrl'),
  });
}

/** The other screen's URL (sign-up from sign-in and back): the component prop, else the provider's. */
export function otherScreenUrl(clerk: LocalClerk, kind: 'signIn' | 'signUp', props: LocalComponentProps): string {
  if (kind === 'signIn') return text(props.signUpUrl) ?? clerk.option('signUpUrl') ?? '/sign-up';
  return text(props.signInUrl) ?? clerk.option('signInUrl') ?? '/sign-in';
}
