/** A round profile picture; decorative when the name is shown beside it. */
export function Avatar({ src, alt = '' }: { src: string | null | undefined; alt?: string }) {
  if (!src) {
    return <span aria-hidden="true" className="size-12 shrink-0 rounded-full bg-slate-200 dark:bg-slate-800" />;
  }
  return <img src={src} alt={alt} className="size-12 shrink-0 rounded-full object-cover" referrerPolicy="no-referrer" />;
}
