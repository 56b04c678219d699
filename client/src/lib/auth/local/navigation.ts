/**
 * URL helpers shared by the local Clerk instance and its UI. They follow
 * clerk-js: sign-in and sign-up URLs carry `redirect_url` (the page to come
 * back to, as an absolute URL) and optional force/fallback redirect params.
 */
export interface AuthUrlOptions {
  redirectUrl?: string | null | undefined;
  signInForceRedirectUrl?: string | null | undefined;
  signInFallbackRedirectUrl?: string | null | undefined;
  signUpForceRedirectUrl?: string | null | undefined;
  signUpFallbackRedirectUrl?: string | null | undefined;
}

const PARAM_NAMES: Record<keyof AuthUrlOptions, string> = {
  redirectUrl: 'redirect_url',
  signInForceRedirectUrl: 'sign_in_force_redirect_url',
  signInFallbackRedirectUrl: 'sign_in_fallback_redirect_url',
  signUpForceRedirectUrl: 'sign_up_force_redirect_url',
  signUpFallbackRedirectUrl: 'sign_up_fallback_redirect_url',
};

function currentHref(): string {
  return globalThis.location?.href ?? 'http://localhost/';
}

function currentOrigin(): string {
  return new URL(currentHref()).origin;
}

/** `base` with the redirect params appended; a same-origin base stays relative, as it was given. */
export function buildAuthUrl(base: string, options: AuthUrlOptions = {}): string {
  const url = new URL(base, currentHref());
  const params: AuthUrlOptions = { ...options, redirectUrl: options.redirectUrl ?? currentHref() };
  for (const [key, name] of Object.entries(PARAM_NAMES) as [keyof AuthUrlOptions, string][]) {
    const value = params[key];
    if (value) url.searchParams.set(name, value);
  }
  const isRelative = !/^[a-z][a-z\d+.-]*:/i.test(base);
  return isRelative && url.origin === currentOrigin() ? `${url.pathname}${url.search}${url.hash}` : url.href;
}

/** The path (with query and hash) of a same-origin http(s) URL, or null for anything else. */
export function sameOriginPath(target: string | null | undefined): string | null {
  if (!target) return null;
  let url: URL;
  try {
    url = new URL(target, currentHref());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin === currentOrigin() ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** A redirect param of the current page's query string. */
export function currentSearchParam(name: string): string | null {
  return new URL(currentHref()).searchParams.get(name);
}

export interface AfterAuthCandidates {
  /** Always wins (the component's or the provider's force redirect URL). */
  force?: string | null | undefined;
  /** Where the visitor came from: the `redirect_url` query param. */
  redirectUrl?: string | null | undefined;
  fallback?: string | null | undefined;
}

/**
 * Clerk's precedence: force, then a same-origin `redirect_url`, then the
 * fallback, then `/`. Cross-origin targets are ignored so a crafted link
 * cannot send a freshly signed-in user to another site.
 */
export function afterAuthPath(candidates: AfterAuthCandidates): string {
  return (
    sameOriginPath(candidates.force) ??
    sameOriginPath(candidates.redirectUrl) ??
    sameOriginPath(candidates.fallback) ??
    '/'
  );
}

/** Sign-in ↔ sign-up links keep the page's redirect params, so the visitor still returns where they began. */
export function withCurrentRedirectParams(base: string): string {
  const current = new URL(currentHref()).searchParams;
  const options: AuthUrlOptions = {};
  for (const [key, name] of Object.entries(PARAM_NAMES) as [keyof AuthUrlOptions, string][]) {
    const value = current.get(name);
    if (value) options[key] = value;
  }
  // Without a redirect_url on this page there is nothing to return to (an empty value adds no param).
  return buildAuthUrl(base, { ...options, redirectUrl: options.redirectUrl ?? '' });
}
