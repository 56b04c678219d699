import type { ReactNode } from 'react';

export interface DataItem {
  label: string;
  value: ReactNode;
  /** For end-to-end tests that read one value, e.g. the signed-in user's id. */
  testId?: string;
}

/** Label/value pairs, stacked on small screens and side by side on wider ones. */
export function DataList({ items, testId }: { items: readonly DataItem[]; testId?: string }) {
  return (
    <dl data-testid={testId} className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{item.label}</dt>
          <dd data-testid={item.testId} className="break-all font-medium">
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The value shown for an absent field, so "nothing" is explicit rather than a blank. */
export function Empty({ children = 'None' }: { children?: ReactNode }) {
  return <span className="font-normal italic text-slate-500 dark:text-slate-400">{children}</span>;
}
