import { ClerkUserCard } from '@/features/account/components/clerk-user-card.tsx';
import { SessionCard } from '@/features/account/components/session-card.tsx';
import { GreetForm } from '@/features/greetings/components/greet-form.tsx';
import { HelloCard } from '@/features/greetings/components/hello-card.tsx';
import { MeCard } from '@/features/account/components/me-card.tsx';
import { ProfileCard } from '@/features/account/components/profile-card.tsx';
import { RequireSignedIn } from '../require-signed-in.tsx';
import { PageTitle } from '@/components/page-title.tsx';

/** Every card starts its own query on mount, so the API calls run in parallel. */
function DashboardContent() {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Dashboard</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">What Clerk knows in the browser, and what the API answers for your session token.</p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <ClerkUserCard />
        <SessionCard />
        <MeCard />
        <ProfileCard />
        <HelloCard />
        <GreetForm />
      </div>
    </div>
  );
}

export function DashboardRoute() {
  return (
    <>
      <PageTitle name="Dashboard" />
      <RequireSignedIn>
        <DashboardContent />
      </RequireSignedIn>
    </>
  );
}
