import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ADMIN_USERS_PAGE_DEFAULT_LIMIT } from '#shared/admin';

/** Long enough to let a word be typed, short enough to feel immediate. */
const SEARCH_DEBOUNCE_MS = 300;
/** The API's largest offset (AdminUserSearchQuerySchema), as a page number. */
const LAST_PAGE = Math.floor(10_000 / ADMIN_USERS_PAGE_DEFAULT_LIMIT) + 1;

/** `?page=` as a page number: anything else than 2 to LAST_PAGE is the first page. */
function pageOf(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= LAST_PAGE ? page : 1;
}

function paramsFor(query: string, page: number): Record<string, string> {
  return { ...(query ? { q: query } : {}), ...(page > 1 ? { page: String(page) } : {}) };
}

/**
 * The admin search lives in the URL (`?q=…&page=…`), so a reload, a shared link
 * and Back show the same users. The field answers every key at once; the URL
 * follows once typing stops, replacing its history entry (no entry per key),
 * and a new search starts at its first page. Paging pushes an entry, so Back
 * goes to the previous page.
 */
export function useUserSearchParams() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const page = pageOf(params.get('page'));
  const [text, setText] = useState(query);
  // Back, Forward and links change the URL under the field: the field follows (React's "adjust state on prop change").
  // The URL this hook wrote itself is not one of those: keys typed since it was written stay in the field.
  const [shownQuery, setShownQuery] = useState(query);
  const [writtenQuery, setWrittenQuery] = useState<string | null>(null);
  if (shownQuery !== query) {
    setShownQuery(query);
    if (query === writtenQuery) setWrittenQuery(null);
    else setText(query);
  }

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function type(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setWrittenQuery(value);
      setParams(paramsFor(value, 1), { replace: true });
    }, SEARCH_DEBOUNCE_MS);
  }

  return {
    /** What the field shows. */
    text,
    type,
    /** The search the URL holds: what is listed. */
    query,
    offset: (page - 1) * ADMIN_USERS_PAGE_DEFAULT_LIMIT,
    setOffset: (offset: number) => setParams(paramsFor(query, Math.floor(offset / ADMIN_USERS_PAGE_DEFAULT_LIMIT) + 1)),
  };
}
