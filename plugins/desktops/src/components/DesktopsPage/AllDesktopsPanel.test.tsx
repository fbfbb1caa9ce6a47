import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { AllDesktopsPanel } from './AllDesktopsPanel';

function desktop(id: string, owner: string, state: Desktop['state']): Desktop {
  const now = DateTime.now().toISO()!;
  return {
    id,
    name: `${owner}'s lab`,
    owner: `user:default/${owner}`,
    imageId: 'linux',
    imageRef: 'labstage/desktop:latest',
    imageTitle: 'Linux desktop',
    courseId: null,
    environmentVersion: null,
    state,
    stateReason: null,
    resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
    createdAt: now,
    updatedAt: now,
    startedAt: now,
    lastActiveAt: now,
  };
}

describe('AllDesktopsPanel', () => {
  it("lists every user's desktops, running first, and stops one only after confirming", async () => {
    const api = {
      listAllDesktops: jest
        .fn()
        .mockResolvedValue([
          desktop('d1', 'bob', 'stopped'),
          desktop('d2', 'alice', 'running'),
        ]),
      stopDesktop: jest
        .fn()
        .mockResolvedValue(desktop('d2', 'alice', 'stopping')),
    };
    await renderInTestApp(<AllDesktopsPanel />, {
      apis: [[desktopsApiRef, api as any]],
    });

    const rows = await screen.findAllByRole('row');
    // header, then alice's running desktop before bob's stopped one
    expect(
      rows.map(r => within(r).queryAllByRole('cell')[0]?.textContent),
    ).toEqual([undefined, 'alice', 'bob']);
    expect(within(rows[2]).queryByRole('button', { name: 'Stop' })).toBeNull();

    await userEvent.click(
      within(rows[1]).getByRole('button', { name: 'Stop' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Files in its home directory are kept');
    expect(api.stopDesktop).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Stop desktop' }),
    );
    await waitFor(() => expect(api.stopDesktop).toHaveBeenCalledWith('d2'));
  });

  it('shows the server refusal to non-admins', async () => {
    const refusal = Object.assign(
      new Error('Not allowed: desktops.desktop.list.all'),
      {
        name: 'NotAllowedError',
      },
    );
    const api = { listAllDesktops: jest.fn().mockRejectedValue(refusal) };
    await renderInTestApp(<AllDesktopsPanel />, {
      apis: [[desktopsApiRef, api as any]],
    });
    expect(
      await screen.findByText('Error: Not allowed: desktops.desktop.list.all'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
