import { NotFound } from '@/components/errors/not-found.tsx';
import { PageTitle } from '@/components/page-title.tsx';

export function NotFoundRoute() {
  return (
    <>
      <PageTitle name="Not found" />
      <NotFound />
    </>
  );
}
