import { Forbidden } from '@/components/errors/forbidden.tsx';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { AdminUsers } from '@/features/admin/components/admin-users.tsx';
import { useAppRole } from '@/lib/auth/use-app-role.ts';
import { RequireSignedIn } from '../require-signed-in.tsx';
import { PageTitle } from '@/components/page-title.tsx';

/** The gate is the `metadata.role` claim; the API checks the same claim on every call and answers 403 itself. */
function AdminContent() {
  const { isLoaded, role } = useAppRole();
  if (!isLoaded) return <PageLoading label="Checking your role…" />;
  if (role !== 'admin') {
    return <Forbidden title="Admins only" message="The admin dashboard is for app admins, and your account is not one." />;
  }
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Admin</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">Find users and manage their app roles.</p>
      </div>
      <AdminUsers />
    </div>
  );
}

export function AdminRoute() {
  return (
    <>
      <PageTitle name="Admin" />
      <RequireSignedIn>
        <AdminContent />
      </RequireSignedIn>
    </>
  );
}
