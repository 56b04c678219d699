import { Suspense, useRef, type MouseEvent, type RefObject } from 'react';
import { Outlet } from 'react-router';
import { OfflineNotice } from '@/components/errors/offline-notice.tsx';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { AppHeader } from './app-header.tsx';
import { PAGE_COLUMN } from './page-column.ts';
import { useFocusHeadingOnNavigation } from './use-focus-heading-on-navigation.ts';

const MAIN_ID = 'main-content';

/**
 * The first stop of the Tab key, past the header's links and Clerk's menus.
 * Hidden until focused. Focus is moved by hand: following `#main-content`
 * would put the fragment in the URL, which the router would keep.
 */
function SkipLink({ target }: { target: RefObject<HTMLElement | null> }) {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const main = target.current;
    if (!main) return;
    event.preventDefault();
    main.focus();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- jsdom, where the component tests run, has no scrollIntoView
    main.scrollIntoView?.();
  }
  return (
    <a
      href={`#${MAIN_ID}`}
      onClick={skip}
      className={
        'sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white ' +
        'focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-600 focus:shadow ' +
        'dark:focus:bg-slate-900 dark:focus:text-brand-400'
      }
    >
      Skip to content
    </a>
  );
}

/** Header on every page; the page itself below it. */
export function AppLayout() {
  const mainRef = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigation(mainRef);
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink target={mainRef} />
      <AppHeader />
      {/* tabIndex -1: the skip link's target, focusable by script only. */}
      <main ref={mainRef} id={MAIN_ID} tabIndex={-1} className={`${PAGE_COLUMN} flex-1 py-8`}>
        <OfflineNotice />
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        A reference SPA: React, react-router, TanStack Query and Clerk, calling a separate API.
      </footer>
    </div>
  );
}
