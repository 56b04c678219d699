import { ClerkLoading, OrganizationSwitcher, Show, UserButton } from '@clerk/react';
import { Link, NavLink } from 'react-router';
import { clerkOrganizationUrl, paths } from '@/config/paths.ts';
import { useAppRole } from '@/lib/auth/use-app-role.ts';
import { PAGE_COLUMN } from './page-column.ts';

function navClass({ isActive }: { isActive: boolean }) {
  return (
    // px-2 on a phone: four links fit one row of a 320 px screen.
    'rounded-md px-2 py-1.5 text-sm font-medium whitespace-nowrap transition sm:px-3 ' +
    (isActive
      ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white')
  );
}

/**
 * Links for what the visitor may use; the pages and the API check again, this only avoids dead ends.
 * The links start at the left, so the ones that appear with the session (Posts, Admin) are added at
 * the end and move nothing.
 */
function MainNav({ className }: { className: string }) {
  const { role } = useAppRole();
  return (
    <nav aria-label="Main" className={`flex flex-wrap items-center gap-1 ${className}`}>
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

/** Clerk's switcher and user menu, or the way to sign in; at the header's end, whatever its width. */
function AccountCorner({ className }: { className: string }) {
  return (
    <div className={`flex min-h-9 min-w-0 items-center justify-end gap-3 ${className}`}>
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
        <Link to={paths.signIn} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-brand-700">
          Sign in
        </Link>
      </Show>
    </div>
  );
}

/**
 * One grid, the page's column: on a phone the logo and the account corner on the first row, the
 * nav on the second; from `md` all three on one row. The nav's column starts after the logo, whose
 * width never changes, so neither the session loading nor the organization's name moves it.
 */
export function AppHeader() {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <div
        className={
          `${PAGE_COLUMN} grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-4 gap-y-2 py-2.5 ` + 'md:grid-cols-[auto_minmax(0,1fr)_auto] md:py-3'
        }
      >
        <Link to={paths.home} className="flex items-center gap-2 justify-self-start font-semibold">
          <img src="/favicon.svg" alt="" className="size-6" />
          {/* The name is the link's name everywhere; on a phone only its icon shows, so the account corner fits beside it. */}
          <span className="max-sm:sr-only">Clerk SPA + API</span>
        </Link>
        <MainNav className="col-span-2 row-start-2 md:col-span-1 md:col-start-2 md:row-start-1" />
        <AccountCorner className="col-start-2 row-start-1 md:col-start-3" />
      </div>
    </header>
  );
}
