import { Button } from '@/components/ui/button.tsx';

export interface PagerProps {
  offset: number;
  limit: number;
  shown: number;
  total: number;
  onOffsetChange: (offset: number) => void;
  busy: boolean;
}

/** "Showing 11–20 of 23", with Previous and Next. */
export function Pager({ offset, limit, shown, total, onOffsetChange, busy }: PagerProps) {
  const first = total === 0 ? 0 : offset + 1;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 pt-4 text-sm">
      {/* While the next page loads, the rows are the previous page's: no count that would not match them. */}
      <p className="text-slate-500 dark:text-slate-400">{busy ? 'Loading…' : `Showing ${first}–${offset + shown} of ${total}`}</p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={busy || offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - limit))}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={busy || offset + shown >= total} onClick={() => onOffsetChange(offset + limit)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
