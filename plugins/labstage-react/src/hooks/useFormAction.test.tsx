import { act, renderHook } from '@testing-library/react';
import { useFormAction } from './useFormAction';

describe('useFormAction', () => {
  it('turns a failure into a message and clears it on the next run', async () => {
    const { result } = renderHook(() => useFormAction());
    await act(async () => {
      await expect(
        result.current.run(async () => {
          throw new Error('Join code is not valid');
        }),
      ).resolves.toBe(false);
    });
    expect(result.current.error).toBe('Join code is not valid');
    expect(result.current.busy).toBe(false);

    await act(async () => {
      await expect(result.current.run(async () => {})).resolves.toBe(true);
    });
    expect(result.current.error).toBeUndefined();
  });
});
