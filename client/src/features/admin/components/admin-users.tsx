import { useAuth } from '@clerk/react';
import { ADMIN_USERS_PAGE_DEFAULT_LIMIT, AdminUserSearchQuerySchema, type AdminUserPage, type ValidAdminUserSearchQuery } from '#shared/admin';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Forbidden } from '@/components/errors/forbidden.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Field } from '@/components/ui/field.tsx';
import { isApiError } from '@/lib/api-client.ts';
import { fieldErrorsOf, type FieldErrors } from '@/lib/form-errors.ts';
import { useAdminUsers } from '../api/search-users.ts';
import { Pager } from './pager.tsx';
import { UserRow } from './user-row.tsx';
import { useUserSearchParams } from './use-user-search-params.ts';

/** The search the API would accept, or the field problems the API would answer with (nothing is sent then). */
function parseSearch(text: string, offset: number): { search: ValidAdminUserSearchQuery | null; errors: FieldErrors } {
  const parsed = AdminUserSearchQuerySchema.safeParse({ query: text, offset, limit: ADMIN_USERS_PAGE_DEFAULT_LIMIT });
  return parsed.success ? { search: parsed.data, errors: {} } : { search: null, errors: fieldErrorsOf(parsed.error) };
}

interface UserPageProps {
  page: AdminUserPage;
  search: ValidAdminUserSearchQuery;
  onOffsetChange: (offset: number) => void;
  /** The page shown is the previous one while the next loads. */
  busy: boolean;
}

function UserPage({ page, search, onOffsetChange, busy }: UserPageProps) {
  const { userId } = useAuth();
  if (page.users.length === 0) {
    const what = search.query ? `No users match “${search.query}”.` : 'There are no users yet.';
    return <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">{what}</p>;
  }
  return (
    <div aria-busy={busy} className={busy ? 'opacity-60 transition-opacity' : 'transition-opacity'}>
      <ul aria-label="Users" className="divide-y divide-slate-200 dark:divide-slate-800">
        {page.users.map((user) => (
          <UserRow key={user.id} user={user} isSelf={user.id === userId} />
        ))}
      </ul>
      <Pager
        offset={search.offset}
        limit={search.limit}
        shown={page.users.length}
        total={page.totalCount}
        onOffsetChange={onOffsetChange}
        busy={busy}
      />
    </div>
  );
}

/** Search users by name or email, a page at a time, and change their app role. */
export function AdminUsers() {
  const params = useUserSearchParams();
  const { search, errors } = parseSearch(params.query, params.offset);
  const query = useAdminUsers(search);

  if (isApiError(query.error) && query.error.status === 403) {
    return <Forbidden title="Admins only" message={`The API refused: ${query.error.message}`} />;
  }
  return (
    <Card title="Users" description="Search by name or email, then set or remove an app role.">
      <div className="mb-4">
        <Field
          label="Search users"
          type="search"
          name="query"
          autoComplete="off"
          value={params.text}
          onChange={(event) => params.type(event.target.value)}
          errors={errors.query}
          hint="Matches names and email addresses."
        />
      </div>
      {search === null ? null : (
        <>
          {query.isPending ? <Skeleton label="Loading users" lines={5} /> : null}
          {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
          {query.data ? <UserPage page={query.data} search={search} busy={query.isPlaceholderData} onOffsetChange={params.setOffset} /> : null}
        </>
      )}
    </Card>
  );
}
