import { act, renderHook, waitFor } from '@testing-library/react';
import { useReloadableAsync } from './useReloadableAsync';

describe('useReloadableAsync', () => {
  it('reloads when retried while a load is still in flight, and keeps the latest result', async () => {
    const resolvers: Array<(v: string) => void> = [];
    const load = jest.fn(
      () => new Promise<string>(resolve => resolvers.push(resolve)),
    );
    const { result } = renderHook(() => useReloadableAsync(load, []));
    expect(result.current.loading).toBe(true);

    // The first load is still pending when the caller asks for fresh data.
    act(() => result.current.retry());
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));

    await act(async () => {
      resolvers[1]('after the upload');
      resolvers[0]('before the upload');
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value).toBe('after the upload');
  });
});
