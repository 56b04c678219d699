import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { AppHeader } from './app-header.tsx';

/** Header on every page; the page itself below it. */
export function AppLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader />
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500 dark:border-slate-800">
        A reference SPA: React, react-router, TanStack Query and Clerk, calling a separate API.
      </footer>
    </div>
  );
}
