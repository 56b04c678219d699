import { Link } from 'react-router';
import { paths } from '@/config/paths.ts';

export function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link to={paths.home} className="text-sm font-medium text-brand-600 underline">
        Go to the home page
      </Link>
    </div>
  );
}
