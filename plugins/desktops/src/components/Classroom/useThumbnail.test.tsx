import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { useThumbnail } from './useThumbnail';

let created = 0;
beforeAll(() => {
  (URL as any).createObjectURL = jest.fn(() => `blob:t${++created}`);
  (URL as any).revokeObjectURL = jest.fn();
});

const Probe = () => {
  const { src, error } = useThumbnail('/desktops/d1/thumbnail', 30);
  return (
    <span data-testid="thumb">
      {src ?? 'none'}
      {error ? ` error: ${error.message}` : ''}
    </span>
  );
};

describe('useThumbnail', () => {
  it('refreshes with the last ETag, keeps the picture on 304, and stops on unmount', async () => {
    const reads: Array<string | undefined> = [];
    let frame = 0;
    const api = {
      getThumbnail: jest.fn(async (_path: string, etag?: string) => {
        reads.push(etag);
        // Frames 1 and 2, then the same picture.
        if (frame >= 2 && etag === `"${frame}"`) return { notModified: true };
        frame += 1;
        return {
          notModified: false,
          blob: new Blob([`f${frame}`]),
          etag: `"${frame}"`,
        };
      }),
    };
    const { unmount } = await renderInTestApp(<Probe />, {
      apis: [[desktopsApiRef, api as any]],
    });
    await waitFor(() => expect(reads.length).toBeGreaterThanOrEqual(4));
    expect(reads.slice(0, 4)).toEqual([undefined, '"1"', '"2"', '"2"']);
    const shown = screen.getByTestId('thumb').textContent;
    expect(shown).toMatch(/^blob:t\d+$/);
    // The replaced picture's URL was released.
    expect(URL.revokeObjectURL).toHaveBeenCalled();

    unmount();
    const after = api.getThumbnail.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 120));
    expect(api.getThumbnail.mock.calls.length).toBe(after);
  });

  it('shows an error and keeps trying', async () => {
    const api = {
      getThumbnail: jest
        .fn()
        .mockRejectedValueOnce(new Error('The desktop is stopping'))
        .mockResolvedValue({
          notModified: false,
          blob: new Blob(['x']),
          etag: null,
        }),
    };
    await renderInTestApp(<Probe />, { apis: [[desktopsApiRef, api as any]] });
    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveTextContent(/^blob:t\d+$/),
    );
    expect(api.getThumbnail.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});
