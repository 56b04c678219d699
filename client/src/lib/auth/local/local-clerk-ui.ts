import type { ReactNode } from 'react';
import type { LocalClerkLoadOptions } from './local-clerk.ts';
import { buildAuthUrl, afterAuthPath, currentSearchParam, sameOriginPath, type AuthUrlOptions } from './navigation.ts';
import {
  ComponentMounts,
  type LocalComponentName,
  type LocalComponentProps,
  type Placement,
} from './ui/component-mounts.ts';
import type { LocalOrganizationResource, LocalResources } from './resources.ts';

type Props = LocalComponentProps | undefined;

/**
 * The clerk-js members about URLs, navigation and Clerk's UI components, in
 * local mode. Navigation goes through the provider's `routerPush` /
 * `routerReplace` (react-router) when the target is on this origin.
 */
export abstract class LocalClerkUi {
  #options: LocalClerkLoadOptions = {};
  readonly #mounts = new ComponentMounts((name, props, placement) => this.renderComponent(name, props, placement));

  abstract get resources(): LocalResources;
  protected abstract renderComponent(name: LocalComponentName, props: LocalComponentProps, placement: Placement): ReactNode;

  protected setOptions(options: LocalClerkLoadOptions): void {
    this.#options = { ...this.#options, ...options };
  }

  /** A `ClerkProvider` option, e.g. `signInUrl`. */
  option<Key extends keyof LocalClerkLoadOptions>(name: Key): LocalClerkLoadOptions[Key] {
    return this.#options[name];
  }

  __internal_getOption(name: string): unknown {
    return this.#options[name];
  }

  /** ClerkProvider sends `{ appearance }` / `{ options }`; Clerk's host renderer sends `{ node, props }`. */
  __internal_updateProps(update: { node?: Element; props?: Props; options?: LocalClerkLoadOptions; appearance?: unknown }): void {
    if (update.node) this.#mounts.update(update.node, update.props ?? {});
    if (update.options) this.setOptions(update.options);
    if ('appearance' in update) this.setOptions({ appearance: update.appearance });
  }

  async navigate(to: string | null | undefined, options: { replace?: boolean } = {}): Promise<void> {
    if (!to) return;
    const path = sameOriginPath(to);
    const routerNavigate = options.replace ? this.#options.routerReplace : this.#options.routerPush;
    if (path !== null && routerNavigate) {
      await routerNavigate(path);
      return;
    }
    const url = new URL(to, globalThis.location.href);
    // Only web URLs: a `javascript:` redirect target must never run.
    if (url.protocol === 'http:' || url.protocol === 'https:') globalThis.location.assign(url.href);
  }

  buildSignInUrl(options: AuthUrlOptions = {}): string {
    return buildAuthUrl(this.#options.signInUrl ?? '/sign-in', options);
  }

  buildSignUpUrl(options: AuthUrlOptions = {}): string {
    return buildAuthUrl(this.#options.signUpUrl ?? '/sign-up', options);
  }

  buildAfterSignInUrl(): string {
    return afterAuthPath({
      force: this.#options.signInForceRedirectUrl,
      redirectUrl: currentSearchParam('redirect_url'),
      fallback: this.#options.signInFallbackRedirectUrl,
    });
  }

  buildAfterSignUpUrl(): string {
    return afterAuthPath({
      force: this.#options.signUpForceRedirectUrl,
      redirectUrl: currentSearchParam('redirect_url'),
      fallback: this.#options.signUpFallbackRedirectUrl,
    });
  }

  buildAfterSignOutUrl(): string {
    return this.#options.afterSignOutUrl ?? '/';
  }

  /** Cookies carry no auth across origins here, so URLs need no decoration (clerk-js adds dev-browser params). */
  buildUrlWithAuth(to: string): string {
    return to;
  }

  redirectToSignIn(options?: AuthUrlOptions): Promise<void> {
    return this.navigate(this.buildSignInUrl(options));
  }

  redirectToSignUp(options?: AuthUrlOptions): Promise<void> {
    return this.navigate(this.buildSignUpUrl(options));
  }

  redirectToAfterSignIn(): Promise<void> {
    return this.navigate(this.buildAfterSignInUrl());
  }

  redirectToAfterSignUp(): Promise<void> {
    return this.navigate(this.buildAfterSignUpUrl());
  }

  redirectToAfterSignOut(): Promise<void> {
    return this.navigate(this.buildAfterSignOutUrl());
  }

  redirectWithAuth(to: string): Promise<void> {
    return this.navigate(to);
  }

  mountSignIn = (node: Element, props?: Props) => this.#mounts.mount(node, 'SignIn', props);
  unmountSignIn = (node: Element) => this.#mounts.unmount(node);
  mountSignUp = (node: Element, props?: Props) => this.#mounts.mount(node, 'SignUp', props);
  unmountSignUp = (node: Element) => this.#mounts.unmount(node);
  mountUserButton = (node: Element, props?: Props) => this.#mounts.mount(node, 'UserButton', props);
  unmountUserButton = (node: Element) => this.#mounts.unmount(node);
  mountOrganizationSwitcher = (node: Element, props?: Props) => this.#mounts.mount(node, 'OrganizationSwitcher', props);
  unmountOrganizationSwitcher = (node: Element) => this.#mounts.unmount(node);
  openSignIn = (props?: Props) => this.#mounts.openModal('SignIn', props);
  closeSignIn = () => this.#mounts.closeModal('SignIn');
  openSignUp = (props?: Props) => this.#mounts.openModal('SignUp', props);
  closeSignUp = () => this.#mounts.closeModal('SignUp');

  protected unmountAllComponents(): void {
    this.#mounts.unmountAll();
  }

  // No-ops where clerk-js would do nothing visible in this app:
  /** Warms a data cache of Clerk's own switcher; the local switcher reads memberships from the user. */
  __experimental_prefetchOrganizationSwitcher(): void {}

  /** Offers to enable Organizations in the dashboard (development instances); always enabled locally. */
  async __internal_attemptToEnableEnvironmentSetting(): Promise<{ isEnabled: true }> {
    return { isEnabled: true };
  }

  /** Organizations come from the user's memberships; others are not visible to this user anyway. */
  async getOrganization(organizationId: string): Promise<LocalOrganizationResource | null> {
    const membership = this.resources.user?.organizationMemberships.find((m) => m.organization.id === organizationId);
    return membership?.organization ?? null;
  }

  async createOrganization(): Promise<never> {
    throw new Error('Creating organizations is not available in local mode; the identity server seeds them.');
  }
}
