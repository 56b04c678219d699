import { ClerkLoading, OrganizationSwitcher, Show, UserButton } from '@clerk/react';
import { Link, NavLink } from 'react-router';
import { clerkOrganizationUrl, paths } from '@/config/paths.ts';
import { useAppRole } from '@/lib/auth/use-app-role.ts';

function navClass({ isActive }: { isActive: boolean }) {
  return (
    'rounded-md px-3 py-1.5 text-sm font-medium transition ' +
    (isActive
      ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white')
  );
}

/** Links for what the visitor may use; the pages and the API check again, this only avoids dead ends. */
function MainNav() {
  const { role } = useAppRole();
  return (
    <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
      <NavLink to={paths.home} end className={navClass}>
        Home
      </NavLink>
      <NavLink to={paths.dashboard} className={navClass}>
        Dashboard
      </NavLink>
      <Show when="signed-in">
        <NavLink to={paths.posts} className={navClass}>
          Posts
        </NavLink>
      </Show>
      {role === 'admin' ? (
        <NavLink to={paths.admin} className={navClass}>
          Admin
        </NavLink>
      ) : null}
    </nav>
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
        <MainNav />
        <div className="flex items-center gap-3">
          {/* The header paints before Clerk's scripts have loaded; its account corner waits for them. */}
          <ClerkLoading>
            <span role="status" aria-label="Loading your account" className="h-8 w-40 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
          </ClerkLoading>
          <Show when="signed-in">
            {/*
              Clerk's switcher, creating organizations included. Switching changes the session's active
              organization (every organization-dependent query is keyed by it), then opens that organization's page.
            */}
            <OrganizationSwitcher
              afterSelectOrganizationUrl={clerkOrganizationUrl}
              afterCreateOrganizationUrl={clerkOrganizationUrl}
              afterSelectPersonalUrl={paths.posts}
            />
            {/* Clerk's user menu; its "Manage account" opens Clerk's <UserProfile>. */}
            <UserButton />
          </Show>
          <Show when="signed-out">
            <Link to={paths.signIn} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Sign in
            </Link>
          </Show>
        </div>
      </div>
    </header>
  );
}
