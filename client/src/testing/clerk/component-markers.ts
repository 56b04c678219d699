import type { Resources } from '@clerk/shared/types';

export type MarkedComponent = 'SignIn' | 'SignUp' | 'UserButton' | 'OrganizationSwitcher' | 'OrganizationProfile';

interface Mounted {
  component: MarkedComponent;
  props: Record<string, unknown>;
}

/** `data-testid` of each marker, e.g. `clerk-user-button`. */
export const markerTestId = (component: MarkedComponent) => `clerk-${component.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;

/** What Clerk's component would show, in a word, so tests can tell whose button or which organization it is. */
function describe(component: MarkedComponent, resources: Resources): string {
  const organization = resources.organization?.name ?? 'Personal account';
  switch (component) {
    case 'UserButton':
      return resources.user?.fullName ?? '';
    case 'OrganizationSwitcher':
      return organization;
    case 'OrganizationProfile':
      return organization;
    case 'SignIn':
      return 'Sign in';
    case 'SignUp':
      return 'Sign up';
  }
}

/**
 * Clerk's components in the test double: where clerk-js would mount its UI
 * into the node @clerk/react hands over, a plain element with a test id and
 * its state in `data-state`, redrawn when the resources change. No UI of Clerk's is
 * imitated: tests assert that the component is there, with which props.
 */
export class ComponentMarkers {
  readonly #mounted = new Map<HTMLDivElement, Mounted>();
  readonly #resources: () => Resources;

  constructor(resources: () => Resources) {
    this.#resources = resources;
  }

  mount(node: HTMLDivElement, component: MarkedComponent, props: object = {}): void {
    this.#mounted.set(node, { component, props: { ...props } });
    this.#draw(node, component);
  }

  unmount(node: HTMLDivElement): void {
    this.#mounted.delete(node);
    node.replaceChildren();
  }

  unmountAll(): void {
    for (const node of [...this.#mounted.keys()]) this.unmount(node);
  }

  redraw(): void {
    for (const [node, { component }] of this.#mounted) this.#draw(node, component);
  }

  propsOf(component: MarkedComponent): Record<string, unknown> | undefined {
    return [...this.#mounted.values()].findLast((entry) => entry.component === component)?.props;
  }

  #draw(node: HTMLDivElement, component: MarkedComponent): void {
    const marker = document.createElement('div');
    marker.dataset.testid = markerTestId(component);
    // An attribute, not text: the page's own text (a name in a list) must not match a marker.
    marker.dataset.state = describe(component, this.#resources());
    node.replaceChildren(marker);
  }
}
