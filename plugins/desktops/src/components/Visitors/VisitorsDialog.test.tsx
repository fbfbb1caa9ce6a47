import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { DesktopVisit } from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { VisitorsDialog } from './VisitorsDialog';

function visit(overrides: Partial<DesktopVisit>): DesktopVisit {
  return {
    connectionId: 'c1',
    userEntityRef: 'user:default/bob',
    mode: 'view',
    openedAt: '2026-01-01T10:00:00.000Z',
    closedAt: '2026-01-01T10:30:00.000Z',
    ...overrides,
  };
}

async function render(api: object) {
  await renderInTestApp(
    <VisitorsDialog
      desktop={aDesktop({ name: 'Homework' })}
      onClose={jest.fn()}
    />,
    { apis: [[desktopsApiRef, api as any]] },
  );
}

describe('VisitorsDialog', () => {
  it('lists who opened the desktop, in which mode, from when to when, and pages back', async () => {
    const api = {
      listVisitors: jest
        .fn()
        .mockResolvedValueOnce({
          items: [
            visit({
              connectionId: 'c2',
              userEntityRef: 'user:default/kim',
              mode: 'control',
              closedAt: null,
            }),
            visit({ connectionId: 'c1' }),
          ],
          nextCursor: '7',
        })
        .mockResolvedValueOnce({
          items: [
            visit({ connectionId: 'c0', userEntityRef: 'user:default/carol' }),
          ],
          nextCursor: null,
        }),
    };
    await render(api);
    const dialog = screen.getByRole('dialog', {
      name: 'Visitors of “Homework”',
    });
    const table = await within(dialog).findByRole('table', {
      name: 'Visitors',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('kim');
    expect(rows[0]).toHaveTextContent('Could control');
    expect(rows[0]).toHaveTextContent('Still open');
    expect(rows[1]).toHaveTextContent('bob');
    expect(rows[1]).toHaveTextContent('Watched');
    expect(api.listVisitors).toHaveBeenCalledWith('d1', { limit: 50 });

    await userEvent.click(
      screen.getByRole('button', { name: 'Show older visits' }),
    );
    expect(await within(table).findByText('carol')).toBeInTheDocument();
    expect(api.listVisitors).toHaveBeenLastCalledWith('d1', {
      cursor: '7',
      limit: 50,
    });
    expect(
      screen.queryByRole('button', { name: 'Show older visits' }),
    ).toBeNull();
  });

  it('says when nobody came, and explains a failure', async () => {
    await render({
      listVisitors: jest
        .fn()
        .mockResolvedValue({ items: [], nextCursor: null }),
    });
    expect(
      await screen.findByText('Nobody else has opened this desktop yet.'),
    ).toBeInTheDocument();
  });

  it('explains a failure and retries', async () => {
    const api = {
      listVisitors: jest
        .fn()
        .mockRejectedValueOnce(
          new LabstageApiError('You do not have permission to do that.', 403),
        )
        .mockResolvedValue({ items: [], nextCursor: null }),
    };
    await render(api);
    expect(
      await screen.findByText(/Could not load the visitors/),
    ).toHaveTextContent('You do not have permission to do that.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('Nobody else has opened this desktop yet.'),
    ).toBeInTheDocument();
  });
});
