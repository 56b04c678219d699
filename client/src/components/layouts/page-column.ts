/**
 * The one column every page and the header are laid out in: headings start at the same x on
 * every page, and the header's ends line up with the page's. Pages fill it; none narrows it.
 */
export const PAGE_COLUMN = 'mx-auto w-full max-w-5xl px-4';
