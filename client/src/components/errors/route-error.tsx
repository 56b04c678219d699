import { isRouteErrorResponse, useRouteError } from 'react-router';
import { CrashPage } from './crash-page.tsx';
import { NotFound } from './not-found.tsx';

/** `errorElement` of the routes: a 404 response gets the not-found page, anything else the crash page. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return <CrashPage error={error} />;
}
