import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export type LocalComponentName = 'SignIn' | 'SignUp' | 'UserButton' | 'OrganizationSwitcher';
export type LocalComponentProps = Record<string, unknown>;
export type Placement = 'inline' | 'modal';
export type RenderLocalComponent = (name: LocalComponentName, props: LocalComponentProps, placement: Placement) => ReactNode;

interface Mounted {
  root: Root;
  name: LocalComponentName;
  props: LocalComponentProps;
  placement: Placement;
  /** Set by unmount; a mount of the same node before the deferred unmount runs keeps the root. */
  removing: boolean;
}

/**
 * The local UI as clerk-js mounts its components: each one in its own React
 * root inside the node @clerk/react hands over, re-rendered when the props
 * change. Unmounting is deferred to a microtask because @clerk/react calls it
 * from its own commit phase, where React refuses to unmount another root
 * synchronously; StrictMode's unmount-then-remount reuses the root instead.
 */
export class ComponentMounts {
  readonly #render: RenderLocalComponent;
  readonly #mounted = new Map<Element, Mounted>();
  readonly #modals = new Map<LocalComponentName, HTMLElement>();

  constructor(render: RenderLocalComponent) {
    this.#render = render;
  }

  mount(node: Element, name: LocalComponentName, props: LocalComponentProps = {}, placement: Placement = 'inline'): void {
    const existing = this.#mounted.get(node);
    if (existing && existing.name === name) {
      existing.removing = false;
      return this.update(node, props);
    }
    if (existing) this.#destroy(node, existing);
    const entry: Mounted = { root: createRoot(node), name, props, placement, removing: false };
    this.#mounted.set(node, entry);
    this.#draw(entry);
  }

  update(node: Element, props: LocalComponentProps = {}): void {
    const entry = this.#mounted.get(node);
    if (!entry) return;
    entry.props = props;
    this.#draw(entry);
  }

  unmount(node: Element): void {
    const entry = this.#mounted.get(node);
    if (!entry) return;
    entry.removing = true;
    queueMicrotask(() => {
      if (entry.removing) this.#destroy(node, entry);
    });
  }

  /** A modal (openSignIn/openSignUp) in a container of its own at the end of <body>. */
  openModal(name: LocalComponentName, props: LocalComponentProps = {}): void {
    this.closeModal(name);
    const container = document.createElement('div');
    container.dataset.localClerkModal = name;
    document.body.append(container);
    this.#modals.set(name, container);
    this.mount(container, name, props, 'modal');
  }

  closeModal(name: LocalComponentName): void {
    const container = this.#modals.get(name);
    if (!container) return;
    this.#modals.delete(name);
    this.unmount(container);
    queueMicrotask(() => container.remove());
  }

  unmountAll(): void {
    for (const name of [...this.#modals.keys()]) this.closeModal(name);
    for (const [node, entry] of [...this.#mounted]) {
      entry.removing = true;
      queueMicrotask(() => this.#destroy(node, entry));
    }
  }

  #draw(entry: Mounted): void {
    entry.root.render(this.#render(entry.name, entry.props, entry.placement));
  }

  #destroy(node: Element, entry: Mounted): void {
    if (this.#mounted.get(node) !== entry) return;
    this.#mounted.delete(node);
    entry.root.unmount();
  }
}
