import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { clerkAppearance } from './appearance.ts';
import { useColorScheme } from './use-color-scheme.ts';

/** A stand-in for the browser's `(prefers-color-scheme: dark)` query (jsdom has no matchMedia). */
class FakeMediaQueryList extends EventTarget implements MediaQueryList {
  readonly media = '(prefers-color-scheme: dark)';
  onchange = null;
  constructor(public matches: boolean) {
    super();
  }
  addListener = () => {};
  removeListener = () => {};
}

function fakeDarkQuery(matches: boolean) {
  const query = new FakeMediaQueryList(matches);
  window.matchMedia = (media: string) => {
    if (media !== query.media) throw new Error(`Unexpected media query ${media}`);
    return query;
  };
  onTestFinished(() => {
    Reflect.deleteProperty(window, 'matchMedia');
  });
  return {
    set(next: boolean) {
      query.matches = next;
      query.dispatchEvent(new Event('change'));
    },
  };
}

describe('useColorScheme', () => {
  it('is light where the browser cannot tell', () => {
    expect(renderHook(() => useColorScheme()).result.current).toBe('light');
  });

  it("follows the system's color scheme as it changes", () => {
    const system = fakeDarkQuery(true);
    const { result } = renderHook(() => useColorScheme());
    expect(result.current).toBe('dark');

    act(() => system.set(false));
    expect(result.current).toBe('light');
  });
});

describe('clerkAppearance', () => {
  it("gives Clerk's components dark surfaces in the dark scheme and light ones otherwise", () => {
    expect(clerkAppearance('dark').variables?.colorBackground).toBe('oklch(0.208 0.042 265.755)');
    expect(clerkAppearance('light').variables?.colorBackground).toBe('oklch(1 0 0)');
  });
});
