import type { Clerk, ClerkUIConstructor, ComponentControls } from '@clerk/shared/types';

export type MarkedComponent = 'SignIn' | 'SignUp' | 'UserButton' | 'OrganizationSwitcher' | 'OrganizationProfile';

/** `data-testid` of each marker, e.g. `clerk-user-button`. */
const markerTestId = (component: MarkedComponent) => `clerk-${component.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;

interface Mounted {
  component: MarkedComponent;
  props: Record<string, unknown>;
}

/** What Clerk's component would show, in a word, so tests can tell whose button or which organization it is. */
function describe(component: MarkedComponent, clerk: Clerk): string {
  const organization = clerk.organization?.name ?? 'Personal account';
  switch (component) {
    case 'UserButton':
      return clerk.user?.fullName ?? '';
    case 'OrganizationSwitcher':
    case 'OrganizationProfile':
      return organization;
    case 'SignIn':
      return 'Sign in';
    case 'SignUp':
      return 'Sign up';
  }
}

/** The components that were mounted last, per Clerk instance, for `mountedProps`. */
const mountedByClerk = new WeakMap<Clerk, Map<HTMLDivElement, Mounted>>();

/**
 * Clerk's prebuilt UI in component tests: clerk-js is real, and where @clerk/ui would draw a component into the node
 * @clerk/react hands over, this draws a plain element with a test id and its state in `data-state`, redrawn when
 * clerk-js emits. No UI of Clerk's is imitated: the end-to-end suite runs Clerk's real components.
 */
export const MarkerUI: ClerkUIConstructor = class MarkerUI {
  static version = 'component-test-markers';
  readonly version = MarkerUI.version;
  readonly #clerk: () => Clerk;
  readonly #mounted = new Map<HTMLDivElement, Mounted>();
  #listening = false;

  constructor(getClerk: () => Clerk) {
    this.#clerk = getClerk;
    mountedByClerk.set(getClerk(), this.#mounted);
  }

  ensureMounted(): Promise<ComponentControls> {
    if (!this.#listening) {
      this.#listening = true;
      this.#clerk().addListener(() => this.#redraw());
    }
    const ignore = () => undefined;
    return Promise.resolve({
      mountComponent: ({ name, node, props }) => {
        this.#mounted.set(node, { component: name as MarkedComponent, props: { ...(props as object) } });
        this.#draw(node);
      },
      unmountComponent: ({ node }) => {
        this.#mounted.delete(node);
        node.replaceChildren();
      },
      updateProps: ({ node, props }) => {
        const mounted = node && this.#mounted.get(node);
        if (mounted && props) mounted.props = { ...mounted.props, ...props };
      },
      openModal: ignore,
      closeModal: ignore,
      openDrawer: ignore,
      closeDrawer: ignore,
      prefetch: ignore,
      mountImpersonationFab: ignore,
    });
  }

  #redraw(): void {
    for (const node of this.#mounted.keys()) this.#draw(node);
  }

  #draw(node: HTMLDivElement): void {
    const mounted = this.#mounted.get(node);
    if (!mounted) return;
    const marker = document.createElement('div');
    marker.dataset.testid = markerTestId(mounted.component);
    // An attribute, not text: the page's own text (a name in a list) must not match a marker.
    marker.dataset.state = describe(mounted.component, this.#clerk());
    node.replaceChildren(marker);
  }
};

/** The props Clerk's component was last mounted with under this Clerk instance, or undefined when it is not mounted. */
export function mountedProps(clerk: Clerk, component: MarkedComponent): Record<string, unknown> | undefined {
  const mounted = mountedByClerk.get(clerk);
  return mounted && [...mounted.values()].findLast((entry) => entry.component === component)?.props;
}
