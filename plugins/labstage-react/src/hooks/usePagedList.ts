import { DependencyList, useCallback, useEffect, useState } from 'react';
import { FormAction, useFormAction } from './useFormAction';

/** One page of a list read with a cursor. @public */
export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/** @public */
export type PagedList<T> = {
  /** Every item read so far; undefined until the first page is in. */
  items?: T[];
  /** Whether an older page is left to read. */
  hasMore: boolean;
  /** Why the first page could not be read. */
  error?: Error;
  /** Reads the first page again. */
  retry: () => void;
  /** Appends the next page; `more` has its busy flag and error. */
  loadMore: () => Promise<boolean>;
  more: FormAction;
};

/**
 * A list read page by page: the first page whenever `deps` change (what
 * was read before is dropped), the next ones on `loadMore`. `loadPage`
 * reads the page at `cursor` (the first page without one).
 *
 * @public
 */
export function usePagedList<T>(
  loadPage: (cursor?: string) => Promise<CursorPage<T>>,
  deps: DependencyList,
): PagedList<T> {
  const [loaded, setLoaded] = useState<{ items: T[]; next: string | null }>();
  const [error, setError] = useState<Error>();
  const [attempt, setAttempt] = useState(0);
  const more = useFormAction();

  useEffect(() => {
    let cancelled = false;
    setLoaded(undefined);
    setError(undefined);
    loadPage()
      .then(page => {
        if (!cancelled) setLoaded({ items: page.items, next: page.nextCursor });
      })
      .catch(e => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const next = loaded?.next;
  const { run } = more;
  const loadMore = useCallback(
    () =>
      run(async () => {
        if (!next) return;
        const page = await loadPage(next);
        setLoaded(l => ({
          items: [...(l?.items ?? []), ...page.items],
          next: page.nextCursor,
        }));
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [run, next, ...deps],
  );
  const retry = useCallback(() => setAttempt(a => a + 1), []);

  return {
    items: loaded?.items,
    hasMore: Boolean(next),
    error,
    retry,
    loadMore,
    more,
  };
}
