import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths.ts';

export interface StatusPageProps {
  /** The HTTP-like status shown above the title, e.g. "404". */
  code: string;
  title: string;
  message: ReactNode;
  /** Where the way out leads; the home page unless told otherwise. */
  back?: { to: string; label: string };
}

/** A whole-page answer instead of the content: not found, forbidden, not a member. */
export function StatusPage({ code, title, message, back = { to: paths.home, label: 'Go to the home page' } }: StatusPageProps) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600 dark:text-brand-400">{code}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="text-slate-600 dark:text-slate-400">{message}</div>
      <Link to={back.to} className="text-sm font-medium text-brand-600 dark:text-brand-400 underline">
        {back.label}
      </Link>
    </div>
  );
}
