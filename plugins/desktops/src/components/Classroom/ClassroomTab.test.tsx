import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { classroomSignalChannel } from '@internal/backstage-plugin-desktops-common';
import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { aSeat } from '../../__testUtils__/collaborationFixtures';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { ClassroomTab } from './ClassroomTab';

let objectUrls = 0;
beforeAll(() => {
  (URL as any).createObjectURL = jest.fn(() => `blob:thumb-${++objectUrls}`);
  (URL as any).revokeObjectURL = jest.fn();
});

const alice = aSeat({
  username: 'alice',
  displayName: 'Alice Adams',
  idleMinutes: 12,
});
const bob = aSeat({
  username: 'bob',
  displayName: 'Bob Brown',
  handRaisedAt: new Date(Date.now() - 60_000).toISOString(),
});
const carol = aSeat({
  username: 'carol',
  displayName: 'Carol Chen',
  desktop: {
    id: 'desk-carol',
    name: 'CS101',
    state: 'stopped',
    stateReason: null,
    lastActiveAt: null,
  },
  idleMinutes: null,
  thumbnailPath: null,
});
const dan = aSeat({
  username: 'dan',
  displayName: 'Dan Diaz',
  desktop: null,
  idleMinutes: null,
  thumbnailPath: null,
});

function fakeApi(overrides: object = {}) {
  return {
    getClassroom: jest.fn().mockResolvedValue([alice, bob, carol, dan]),
    getThumbnail: jest.fn().mockResolvedValue({
      notModified: false,
      blob: new Blob(['jpeg']),
      etag: '"1"',
    }),
    lowerHand: jest.fn().mockResolvedValue(undefined),
    takeControl: jest.fn(),
    ...overrides,
  };
}

async function render(api: object, signals = fakeSignals()) {
  await renderWithDesktopsApi(
    <ClassroomTab
      courseId="c1"
      courseCode="CS101"
      canManage
      isStudent={false}
    />,
    api,
    [[signalApiRef, signals.api]],
  );
  return signals;
}

const seatNames = () =>
  within(screen.getByRole('region', { name: 'Classroom' }))
    .getAllByRole('region')
    .map(r => r.getAttribute('aria-label'));

describe('ClassroomTab', () => {
  it('shows every student with thumbnail, state, raised hand and idleness, raised hands first', async () => {
    const api = fakeApi();
    await render(api);
    await screen.findByRole('region', { name: 'Alice Adams' });
    expect(seatNames()).toEqual([
      'Bob Brown',
      'Alice Adams',
      'Carol Chen',
      'Dan Diaz',
    ]);
    expect(screen.getByTestId('classroom-summary')).toHaveTextContent(
      '2 of 4 running · 1 hand raised',
    );

    const aliceSeat = screen.getByRole('region', { name: 'Alice Adams' });
    expect(within(aliceSeat).getByText('Running')).toBeInTheDocument();
    expect(within(aliceSeat).getByText('idle for 12 min')).toBeInTheDocument();
    const screenLink = within(aliceSeat).getByRole('link', {
      name: 'Watch Alice Adams’s desktop',
    });
    expect(screenLink).toHaveAttribute('href', '/desktops/desk-alice');
    expect(
      await within(aliceSeat).findByRole('img', {
        name: 'Screen of Alice Adams’s desktop',
      }),
    ).toHaveAttribute('src', expect.stringMatching(/^blob:thumb-/));
    expect(api.getThumbnail).toHaveBeenCalledWith(
      '/desktops/desk-alice/thumbnail',
      undefined,
    );

    const bobSeat = screen.getByRole('region', { name: 'Bob Brown' });
    expect(bobSeat).toHaveAttribute('data-hand-raised', 'true');
    expect(within(bobSeat).getByText(/Hand raised/)).toBeInTheDocument();

    const carolSeat = screen.getByRole('region', { name: 'Carol Chen' });
    expect(within(carolSeat).getByText('Stopped')).toBeInTheDocument();
    expect(within(carolSeat).queryByRole('link')).toBeNull();
    expect(
      within(carolSeat).queryByRole('button', { name: /Take control/ }),
    ).toBeNull();
    expect(
      within(screen.getByRole('region', { name: 'Dan Diaz' })).getByText(
        'No desktop yet',
      ),
    ).toBeInTheDocument();
    // Only running desktops have a thumbnail to read.
    expect(new Set(api.getThumbnail.mock.calls.map(c => c[0]))).toEqual(
      new Set([
        '/desktops/desk-alice/thumbnail',
        '/desktops/desk-bob/thumbnail',
      ]),
    );
  });

  it('filters and sorts by state', async () => {
    await render(fakeApi());
    await screen.findByRole('region', { name: 'Alice Adams' });
    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Stopped' }));
    expect(seatNames()).toEqual(['Carol Chen']);
    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Error' }));
    expect(
      screen.getByText('No student matches this filter.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    await userEvent.click(screen.getByRole('option', { name: 'All students' }));

    await userEvent.click(screen.getByRole('button', { name: /^Sort by/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Name' }));
    expect(seatNames()).toEqual([
      'Alice Adams',
      'Bob Brown',
      'Carol Chen',
      'Dan Diaz',
    ]);
    await userEvent.click(screen.getByRole('button', { name: /^Sort by/ }));
    await userEvent.click(screen.getByRole('option', { name: /^State/ }));
    expect(seatNames()).toEqual([
      'Alice Adams',
      'Bob Brown',
      'Carol Chen',
      'Dan Diaz',
    ]);
    await userEvent.click(screen.getByRole('button', { name: /^Sort by/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Most idle first' }),
    );
    expect(seatNames()[0]).toBe('Alice Adams');
  });

  it('lowers a hand, and reloads when a hand changes elsewhere', async () => {
    const api = fakeApi();
    const signals = await render(api);
    const bobSeat = await screen.findByRole('region', { name: 'Bob Brown' });
    api.getClassroom.mockResolvedValue([
      alice,
      { ...bob, handRaisedAt: null },
      carol,
      dan,
    ]);
    await userEvent.click(
      within(bobSeat).getByRole('button', { name: 'Lower Bob Brown’s hand' }),
    );
    expect(api.lowerHand).toHaveBeenCalledWith('desk-bob');
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Bob Brown' })).toHaveAttribute(
        'data-hand-raised',
        'false',
      ),
    );

    api.getClassroom.mockResolvedValue([
      { ...alice, handRaisedAt: new Date().toISOString() },
      { ...bob, handRaisedAt: null },
      carol,
      dan,
    ]);
    await signals.subscribed(classroomSignalChannel('c1'));
    signals.send(classroomSignalChannel('c1'), {
      type: 'hand-changed',
      courseId: 'c1',
      desktopId: 'desk-alice',
      owner: 'user:default/alice',
      hand: {
        desktopId: 'desk-alice',
        raisedAt: new Date().toISOString(),
        raisedBy: 'user:default/alice',
      },
      changedBy: 'user:default/alice',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('region', { name: 'Alice Adams' }),
      ).toHaveAttribute('data-hand-raised', 'true'),
    );
  });

  it('takes control and says why when the server refuses', async () => {
    const api = fakeApi({
      takeControl: jest
        .fn()
        .mockRejectedValue(
          new LabstageApiError(
            'The desktop is stopping; the control is handed over only while it runs',
            409,
          ),
        ),
    });
    await render(api);
    const aliceSeat = await screen.findByRole('region', {
      name: 'Alice Adams',
    });
    await userEvent.click(
      within(aliceSeat).getByRole('button', {
        name: 'Take control of Alice Adams’s desktop',
      }),
    );
    expect(api.takeControl).toHaveBeenCalledWith('desk-alice');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'the control is handed over only while it runs',
    );
  });

  it('says when no student is enrolled yet', async () => {
    await render(fakeApi({ getClassroom: jest.fn().mockResolvedValue([]) }));
    expect(await screen.findByText('No students yet')).toBeInTheDocument();
    expect(
      screen.getByText(/once they are enrolled in CS101/),
    ).toBeInTheDocument();
  });
});
