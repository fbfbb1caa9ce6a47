import { DependencyList, useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** @public */
export type ReloadableAsyncState<T> = {
  value?: T;
  loading: boolean;
  error?: Error;
  /** Loads again; the latest load wins, even if one is in flight. */
  retry: () => void;
};

/**
 * Like react-use's `useAsyncRetry`, except that `retry()` is never dropped.
 * `useAsyncRetry` ignores a retry while a load is in flight, so a list
 * refreshed right after a quick upload or post could keep showing the state
 * from before it.
 *
 * @public
 */
export function useReloadableAsync<T>(
  fn: () => Promise<T>,
  deps: DependencyList = [],
): ReloadableAsyncState<T> {
  const [generation, setGeneration] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsync(fn, [...deps, generation]);
  const retry = useCallback(() => setGeneration(g => g + 1), []);
  return { ...state, retry };
}
