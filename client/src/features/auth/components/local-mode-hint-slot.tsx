import { lazy, Suspense } from 'react';
import type { LocalModeHintProps } from './local-mode-hint.tsx';

/**
 * The local-mode hint, loaded on demand. The test reads
 * `import.meta.env.VITE_CLERK_PUBLISHABLE_KEY` directly (not `env`) because
 * Vite inlines it at build time: in a Clerk-mode build the condition is a
 * constant, the import is dead code, and the hint's chunk (with the seeded
 * accounts' password) is not emitted at all. An empty value means local mode,
 * as in config/env.ts.
 */
const LazyLocalModeHint = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY
  ? null
  : lazy(() => import('./local-mode-hint.tsx').then(({ LocalModeHint }) => ({ default: LocalModeHint })));

/** The hint's box while its chunk loads, so Clerk's card beside it and the footer below stay where they are. */
const hintPlaceholder = <div aria-hidden="true" className="min-h-[22rem] w-full max-w-md" />;

export function LocalModeHintSlot({ flow }: LocalModeHintProps) {
  if (!LazyLocalModeHint) return null;
  return (
    <Suspense fallback={hintPlaceholder}>
      <LazyLocalModeHint flow={flow} />
    </Suspense>
  );
}
