import { useId, type ReactNode } from 'react';

export interface CardProps {
  title: string;
  description?: string;
  children: ReactNode;
  /** Extra controls beside the title, e.g. a refresh button. */
  actions?: ReactNode;
  className?: string;
}

/** A titled region: the title labels the section, so tests and screen readers find it by name. */
export function Card({ title, description, children, actions, className = '' }: CardProps) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className={'rounded-xl border border-slate-200 bg-white p-5 shadow-sm ' + `dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      <div className="mb-4 flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{description}</p> : null}
        </div>
        {/* The title and description wrap; the actions (a button or two) keep their one line. */}
        {actions ? <div className="shrink-0">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
