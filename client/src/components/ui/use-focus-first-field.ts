import { useEffect, useRef } from 'react';

/**
 * For a form that opens in place of what was there (edit a post, edit a name):
 * its first field takes focus as it opens, so typing can start at once and a
 * screen reader lands in the form instead of on the button that has gone.
 * Put the returned ref on the form.
 */
export function useFocusFirstField<Element extends HTMLElement>() {
  const ref = useRef<Element>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')?.focus();
  }, []);
  return ref;
}
