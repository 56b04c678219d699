import { Empty } from './data-list.tsx';

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A date from an ISO string, epoch milliseconds or a Date; absent or invalid shows `emptyLabel`. */
export function DateTime({ value, emptyLabel = 'Never' }: { value: string | number | Date | null | undefined; emptyLabel?: string }) {
  if (value === null || value === undefined) return <Empty>{emptyLabel}</Empty>;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return <Empty>{emptyLabel}</Empty>;
  return <time dateTime={date.toISOString()}>{formatter.format(date)}</time>;
}
