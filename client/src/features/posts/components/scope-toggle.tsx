import type { PostScope } from '#shared/posts';

const OPTIONS: { scope: PostScope; label: string }[] = [
  { scope: 'mine-and-org', label: 'Your feed' },
  { scope: 'all', label: 'All posts' },
];

/** For moderators and admins: their feed, or every post (`scope=all`). */
export function ScopeToggle({ scope, onChange }: { scope: PostScope; onChange: (scope: PostScope) => void }) {
  return (
    <div role="group" aria-label="Which posts" className="inline-flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700">
      {OPTIONS.map((option) => (
        <button
          key={option.scope}
          type="button"
          aria-pressed={scope === option.scope}
          onClick={() => onChange(option.scope)}
          className={
            'rounded-md px-3 py-1 text-sm font-medium transition ' +
            (scope === option.scope ? 'bg-brand-600 text-white' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white')
          }
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
