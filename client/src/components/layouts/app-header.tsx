import { Show, UserButton } from '@clerk/react';
import { Link, NavLink } from 'react-router';
import { paths } from '@/config/paths.ts';

function navClass({ isActive }: { isActive: boolean }) {
  return (
    'rounded-md px-3 py-1.5 text-sm font-medium transition ' +
    (isActive
      ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white')
  );
}

export function AppHeader() {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to={paths.home} className="flex items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" className="size-6" />
          <span>Clerk SPA + API</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink to={paths.home} end className={navClass}>
            Home
          </NavLink>
          <NavLink to={paths.dashboard} className={navClass}>
            Dashboard
          </NavLink>
        </nav>
        <div className="flex items-center gap-3">
          <Show when="signed-in">
            <UserButton />
          </Show>
          <Show when="signed-out">
            <Link
              to={paths.signIn}
              className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              Sign in
            </Link>
          </Show>
        </div>
      </div>
    </header>
  );
}
