import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/** Made focusable for a script, never a stop on the tab order. */
function focusHeading(heading: HTMLElement) {
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}

/**
 * After a client-side navigation (a new path), focuses the new page's h1 once it appears, unless focus moved meanwhile.
 * Why, and when not: docs/accessibility.md, "Keyboard and focus".
 */
export function useFocusHeadingOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);
  // Kept in refs, not in the effect, so React's StrictMode re-run of the effect finds the work still pending.
  const pending = useRef<{ focusBefore: Element | null } | null>(null);

  useEffect(() => {
    if (shownPath.current !== pathname) {
      shownPath.current = pathname;
      pending.current = { focusBefore: document.activeElement };
    }
    const main = mainRef.current;
    const waiting = pending.current;
    if (!main || !waiting) return;

    const tryFocus = (): boolean => {
      const active = document.activeElement;
      const untouched = active === waiting.focusBefore || active === document.body || active === null;
      if (!untouched) return true; // focus moved on without us: leave it there
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      focusHeading(heading);
      return true;
    };
    if (tryFocus()) {
      pending.current = null;
      return;
    }
    const observer = new MutationObserver(() => {
      if (!tryFocus()) return;
      pending.current = null;
      observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname, mainRef]);
}
