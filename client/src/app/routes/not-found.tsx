import { NotFound } from '@/components/errors/not-found.tsx';

export function NotFoundRoute() {
  return (
    <>
      <title>Not found · Clerk SPA + API</title>
      <NotFound />
    </>
  );
}
