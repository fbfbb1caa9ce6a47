import { act, renderHook, waitFor } from '@testing-library/react';
import { CursorPage, usePagedList } from './usePagedList';

/** Pages of `list` two items long; the cursor is the next index. */
const pagesOf =
  (list: string[]) =>
  async (cursor?: string): Promise<CursorPage<string>> => {
    const from = Number(cursor ?? 0);
    const next = from + 2;
    return {
      items: list.slice(from, next),
      nextCursor: next < list.length ? String(next) : null,
    };
  };

describe('usePagedList', () => {
  it('reads the first page, appends the next ones until none is left, and starts over when its deps change', async () => {
    const load = jest.fn(pagesOf(['a', 'b', 'c']));
    const { result, rerender } = renderHook(
      ({ filter }) => usePagedList(load, [filter]),
      { initialProps: { filter: 'one' } },
    );
    expect(result.current.items).toBeUndefined();
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(result.current.hasMore).toBe(true);

    await act(async () => {
      await result.current.loadMore();
    });
    expect(result.current.items).toEqual(['a', 'b', 'c']);
    expect(result.current.hasMore).toBe(false);
    expect(load.mock.calls).toEqual([[], ['2']]);

    rerender({ filter: 'two' });
    await waitFor(() => expect(load).toHaveBeenCalledTimes(3));
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
  });

  it('says why the first page failed and reads it again on retry; a failed next page keeps what was read', async () => {
    const pages = pagesOf(['a', 'b', 'c']);
    const load = jest
      .fn<Promise<CursorPage<string>>, [string?]>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockImplementationOnce(pages)
      .mockRejectedValueOnce(new Error('still flaky'));
    const { result } = renderHook(() => usePagedList(load, []));
    await waitFor(() => expect(result.current.error?.message).toBe('offline'));

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(result.current.error).toBeUndefined();

    await act(async () => {
      expect(await result.current.loadMore()).toBe(false);
    });
    expect(result.current.more.error).toBe('still flaky');
    expect(result.current.items).toEqual(['a', 'b']);
    expect(result.current.hasMore).toBe(true);
  });
});
