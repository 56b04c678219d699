const SIZES = { regular: 'size-12', small: 'size-5' } as const;

/** A round profile picture; decorative when the name is shown beside it. */
export function Avatar({ src, alt = '', size = 'regular' }: { src: string | null | undefined; alt?: string; size?: keyof typeof SIZES }) {
  if (!src) {
    return <span aria-hidden="true" className={`${SIZES[size]} shrink-0 rounded-full bg-slate-200 dark:bg-slate-800`} />;
  }
  return <img src={src} alt={alt} className={`${SIZES[size]} shrink-0 rounded-full object-cover`} referrerPolicy="no-referrer" />;
}
