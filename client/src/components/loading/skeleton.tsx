export interface SkeletonProps {
  /** Number of placeholder lines. */
  lines?: number;
  /** What is loading, for screen readers. */
  label: string;
}

/** Placeholder lines while data loads; announced once as a busy status. */
export function Skeleton({ lines = 3, label }: SkeletonProps) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className="flex animate-pulse flex-col gap-2">
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="h-4 rounded bg-slate-200 dark:bg-slate-800" style={{ width: `${90 - index * 15}%` }} />
      ))}
    </div>
  );
}
