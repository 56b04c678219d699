import { ClerkLoading, Show, useUser } from '@clerk/react';
import { Link } from 'react-router';
import { paths } from '@/config/paths.ts';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { PageTitle } from '@/components/page-title.tsx';

const linkClass = 'rounded-lg px-4 py-2 text-sm font-medium transition';
const primaryLink = `${linkClass} bg-brand-600 text-white hover:bg-brand-700`;
const secondaryLink = `${linkClass} border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`;

function SignedInWelcome() {
  const { user } = useUser();
  return (
    <section aria-labelledby="welcome-title" className="flex flex-col items-start gap-4">
      <h2 id="welcome-title" className="text-xl font-semibold">
        Welcome back
        {user?.firstName ? (
          <>
            , <bdi>{user.firstName}</bdi>
          </>
        ) : null}
        !
      </h2>
      <p className="text-slate-600 dark:text-slate-400">You are signed in. Your dashboard shows what Clerk and the API know about you.</p>
      <Link to={paths.dashboard} className={primaryLink}>
        Open your dashboard
      </Link>
    </section>
  );
}

function SignedOutWelcome() {
  return (
    <section aria-labelledby="signed-out-title" className="flex flex-col items-start gap-4">
      <h2 id="signed-out-title" className="text-xl font-semibold">
        You are signed out
      </h2>
      <p className="text-slate-600 dark:text-slate-400">Sign in to see your dashboard and call the protected API.</p>
      <div className="flex gap-3">
        <Link to={paths.signIn} className={primaryLink}>
          Sign in
        </Link>
        <Link to={paths.signUp} className={secondaryLink}>
          Create an account
        </Link>
      </div>
    </section>
  );
}

export function HomeRoute() {
  return (
    <div className="flex flex-col gap-8">
      <PageTitle name="Home" />
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Clerk SPA + API</h1>
        <p className="mt-2 max-w-2xl text-slate-600 dark:text-slate-400">
          A single-page app signed in with Clerk, calling a separate API with a short-lived session token.
        </p>
      </div>
      <ClerkLoading>
        <PageLoading label="Loading your session…" />
      </ClerkLoading>
      <Show when="signed-in">
        <SignedInWelcome />
      </Show>
      <Show when="signed-out">
        <SignedOutWelcome />
      </Show>
    </div>
  );
}
