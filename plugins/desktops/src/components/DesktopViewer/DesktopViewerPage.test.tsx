import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import type {
  Desktop,
  DesktopSignal,
} from '@internal/backstage-plugin-desktops-common';
import { desktopsApiRef } from '../../api/DesktopsClient';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { desktopRouteRef, rootRouteRef } from '../../routes';
import { DesktopViewerPage } from './DesktopViewerPage';

// These tests cover the viewer while the desktop is not running: the noVNC
// connection itself is exercised by the Chromium end-to-end journey.

function desktop(extra: Partial<Desktop>, at: number): Desktop {
  const time = new Date(Date.UTC(2026, 0, 1, 10, 0, at)).toISOString();
  return aDesktop({
    state: 'starting',
    createdAt: time,
    updatedAt: time,
    startedAt: null,
    ...extra,
  });
}

function render(api: object, extraApis: any[] = []) {
  return renderInTestApp(<DesktopViewerPage />, {
    mountedRoutes: {
      '/desktops': rootRouteRef,
      '/desktops/:desktopId': desktopRouteRef,
    },
    mountPath: '/desktops/:desktopId',
    initialRouteEntries: ['/desktops/d1'],
    // Signed in as alice, the desktops' owner, unless a test passes another
    // identity (the first one given wins); the viewer offers the owner's
    // tools to the owner only.
    apis: [
      [desktopsApiRef, api as any],
      ...extraApis,
      mockApis.identity({ userEntityRef: 'user:default/alice' }),
    ] as any,
  });
}

describe('DesktopViewerPage', () => {
  it('waits for a starting desktop, follows it to stopped, and starts it again', async () => {
    let emit: (m: DesktopSignal) => void = () => {};
    const signalApi = {
      subscribe: (_channel: string, onMessage: (m: any) => void) => {
        emit = onMessage;
        return { unsubscribe: () => {} };
      },
    };
    const api = {
      getDesktop: jest.fn().mockResolvedValue(desktop({}, 0)),
      startDesktop: jest
        .fn()
        .mockRejectedValueOnce(
          new LabstageApiError(
            'You already have 2 desktops running (your limit is 2). Stop one to launch another.',
            409,
          ),
        )
        .mockResolvedValueOnce(desktop({ state: 'starting' }, 20)),
      issueTicket: jest.fn(),
    };
    await render(api, [
      [signalApiRef, signalApi],
      mockApis.identity({ userEntityRef: 'user:default/alice' }),
    ]);

    expect(
      await screen.findByText('Starting your desktop…'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('desktop-status')).toHaveTextContent('Starting…');
    expect(screen.getByTestId('desktop-screen')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Upload a file' }),
    ).toBeDisabled();

    act(() =>
      emit({
        type: 'desktop-changed',
        desktop: desktop(
          { state: 'error', stateReason: 'The display did not answer' },
          10,
        ),
      }),
    );
    expect(await screen.findByText('The desktop failed.')).toBeInTheDocument();
    expect(screen.getByText('The display did not answer')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(
      await screen.findByText(/You already have 2 desktops running/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(
      await screen.findByText('Starting your desktop…'),
    ).toBeInTheDocument();
    expect(api.startDesktop).toHaveBeenCalledTimes(2);
    expect(api.startDesktop).toHaveBeenCalledWith('d1');
    // Never running, so no ticket was asked for.
    expect(api.issueTicket).not.toHaveBeenCalled();
  });

  it('says so when the desktop does not exist or is not yours', async () => {
    const api = {
      getDesktop: jest
        .fn()
        .mockRejectedValue(new LabstageApiError('Not found.', 404)),
    };
    await render(api);
    expect(
      await screen.findByText(
        'This desktop does not exist, or you cannot open it.',
      ),
    ).toBeInTheDocument();
    const links = screen
      .getAllByRole('button', { name: 'Back to my desktops' })
      .map(el => el.getAttribute('href'));
    expect(links).toContain('/desktops');
    expect(api.getDesktop).toHaveBeenCalledWith('d1');
  });

  it('offers Save as image for a stopped desktop', async () => {
    const api = {
      getDesktop: jest
        .fn()
        .mockResolvedValueOnce(desktop({ state: 'stopped' }, 0)),
      saveImage: jest.fn(),
    };
    await render(api);
    expect(
      await screen.findByText('This desktop is stopped.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Save as image' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Save “Homework” as an image');
    expect(screen.getByLabelText('Image name')).toHaveValue('homework');
  });

  it('does not offer Save as image while the desktop starts', async () => {
    await render({ getDesktop: jest.fn().mockResolvedValue(desktop({}, 0)) });
    expect(
      await screen.findByText('Starting your desktop…'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Save as image' }),
    ).toBeDisabled();
  });

  it("offers none of the owner's tools on a desktop shared with me", async () => {
    const api = {
      getDesktop: jest.fn().mockResolvedValue(desktop({ state: 'stopped' }, 0)),
      listSharedWithMe: jest.fn().mockResolvedValue([
        {
          ...desktop({ state: 'stopped' }, 0),
          role: 'controller',
          ownerName: 'Alice Adams',
        },
      ]),
    };
    await render(api, [
      mockApis.identity({ userEntityRef: 'user:default/bob' }),
    ]);
    expect(
      await screen.findByText(/Only its owner can start it/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Upload a file' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save as image' })).toBeNull();
    expect(api.listSharedWithMe).toHaveBeenCalled();
  });
});
