import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Skeleton } from '@/components/loading/skeleton.tsx';

export interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** What is loading, e.g. "Loading your profile". */
  loadingLabel: string;
  children: (data: T) => ReactNode;
}

/** The three faces of a query in one place: skeleton, error with retry, data. */
export function QueryState<T>({ query, loadingLabel, children }: QueryStateProps<T>) {
  if (query.isPending) return <Skeleton label={loadingLabel} />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return <>{children(query.data)}</>;
}
