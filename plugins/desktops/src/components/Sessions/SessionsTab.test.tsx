import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Settings } from 'luxon';
import { aMeeting, aSessionView } from '../../__testUtils__/sessionFixtures';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import { SessionsTab } from './SessionsTab';

const BERLIN = 'Europe/Berlin';
const realNow = Settings.now;

// Thursday 26 November 2026, 12:00 in Berlin.
beforeEach(() => {
  Settings.now = () => Date.parse('2026-11-26T11:00:00Z');
});
afterEach(() => {
  Settings.now = realNow;
});

function fakeApi(overrides: object = {}) {
  return {
    listSessions: jest
      .fn()
      .mockResolvedValue({ items: [aSessionView()], timeZone: BERLIN }),
    listOccurrences: jest.fn().mockResolvedValue({
      items: [aMeeting('2026-12-01'), aMeeting('2026-12-03')],
      timeZone: BERLIN,
    }),
    listSessionRuns: jest.fn().mockResolvedValue([
      {
        sessionId: 's1',
        occurrenceStart: '2026-11-24T08:00:00.000Z',
        state: 'warm',
        started: 28,
        problems: [
          {
            student: 'user:default/bob',
            displayName: 'bob',
            reason: 'quota of 2 running desktops reached',
          },
        ],
      },
    ]),
    checkSessionCapacity: jest.fn().mockResolvedValue({ warning: null }),
    createSession: jest.fn(async (_c: string, body: object) => ({
      ...aSessionView(),
      ...body,
    })),
    updateSession: jest.fn(async (_c: string, _s: string, body: object) => ({
      ...aSessionView(),
      ...body,
    })),
    deleteSession: jest.fn().mockResolvedValue(undefined),
    cancelOccurrence: jest.fn().mockResolvedValue(aSessionView()),
    restoreOccurrence: jest.fn().mockResolvedValue(aSessionView()),
    listDesktops: jest.fn().mockResolvedValue({
      items: [],
      quota: { maxRunning: 2, running: 0 },
    }),
    ...overrides,
  };
}

async function render(api: object, canManage = true) {
  await renderWithDesktopsApi(
    <SessionsTab
      courseId="c1"
      courseCode="CS101"
      canManage={canManage}
      isStudent={!canManage}
    />,
    api,
  );
}

const dialog = () => screen.getByRole('dialog');

describe('SessionsTab', () => {
  it("lists the sessions in words in the course's zone, for students without actions", async () => {
    const api = fakeApi();
    await render(api, false);
    const card = await screen.findByRole('region', { name: 'Session Lab' });
    expect(
      within(card).getByText(
        'Weekly on Tue and Thu, 9:00–10:30, from 1 Dec until 18 Dec',
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByText('Next meeting: Tue 1 Dec 9:00–10:30'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        'Desktops start 10 min before and stop 15 min after the end if unused',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Times are in Europe/Berlin, the course's time zone."),
    ).toBeInTheDocument();
    const rows = await screen.findAllByTestId('upcoming-meeting');
    expect(rows.map(r => r.textContent)).toEqual([
      'Tue 1 Dec 9:00–10:30LabScheduled',
      'Thu 3 Dec 9:00–10:30LabScheduled',
    ]);
    expect(api.listOccurrences).toHaveBeenCalledWith(
      'c1',
      '2026-11-26T11:00:00.000Z',
      '2026-12-24T11:00:00.000Z',
    );
    expect(screen.queryByRole('button', { name: /Schedule/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit|Cancel/ })).toBeNull();
    expect(api.listSessionRuns).not.toHaveBeenCalled();
  });

  it('says when nothing is scheduled, and offers instructors to schedule', async () => {
    const api = fakeApi({
      listSessions: jest
        .fn()
        .mockResolvedValue({ items: [], timeZone: BERLIN }),
    });
    await render(api);
    expect(
      await screen.findByText('No sessions scheduled'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Schedule a session' }),
    ).toBeInTheDocument();
  });

  it('shows why the sessions could not be read', async () => {
    const api = fakeApi({
      listSessions: jest
        .fn()
        .mockRejectedValue(
          new Error('Only members of the course can see its sessions'),
        ),
    });
    await render(api, false);
    expect(
      await screen.findAllByText(
        /Only members of the course can see its sessions/,
      ),
    ).not.toHaveLength(0);
    expect(screen.queryByText('No sessions scheduled')).toBeNull();
  });

  it('schedules a weekly session and sends what the form says', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      listSessions: jest
        .fn()
        .mockResolvedValue({ items: [], timeZone: BERLIN }),
    });
    await render(api);
    await user.click(
      await screen.findByRole('button', { name: 'Schedule a session' }),
    );
    expect(
      within(dialog()).getByText(
        "Times are in Europe/Berlin, the course's time zone.",
      ),
    ).toBeInTheDocument();
    // The schema's messages, before anything is sent.
    await user.click(
      within(dialog()).getByRole('button', { name: 'Schedule' }),
    );
    expect(
      await within(dialog()).findByText('Give the session a title'),
    ).toBeInTheDocument();
    expect(api.createSession).not.toHaveBeenCalled();

    await user.type(within(dialog()).getByLabelText('Title'), 'Lab');
    fireEvent.change(within(dialog()).getByLabelText('Date'), {
      target: { value: '2026-12-01' },
    });
    await user.click(within(dialog()).getByLabelText('Weekly'));
    // The first date's weekday is ticked; Thursday is added.
    expect(within(dialog()).getByLabelText('Tuesday')).toBeChecked();
    await user.click(within(dialog()).getByLabelText('Thursday'));
    fireEvent.change(within(dialog()).getByLabelText('Last date'), {
      target: { value: '2026-12-18' },
    });
    expect(within(dialog()).getByTestId('session-preview')).toHaveTextContent(
      'Weekly on Tue and Thu, 9:00–10:30, from 1 Dec until 18 Dec',
    );
    await user.click(
      within(dialog()).getByRole('button', { name: 'Schedule' }),
    );

    await waitFor(() =>
      expect(api.createSession).toHaveBeenCalledWith('c1', {
        title: 'Lab',
        kind: 'weekly',
        startDate: '2026-12-01',
        startTime: '09:00',
        durationMinutes: 90,
        weekdays: [2, 4],
        untilDate: '2026-12-18',
        warmUpMinutes: 10,
        afterEndMinutes: 15,
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.listSessions).toHaveBeenCalledTimes(2);
  });

  it('warns about capacity while typing, and again after saving', async () => {
    const user = userEvent.setup();
    const warning =
      'Tue 1 Dec 9:00 needs 30 desktops; 12 fit beside the other sessions.';
    const api = fakeApi({
      checkSessionCapacity: jest.fn().mockResolvedValue({ warning }),
      createSession: jest.fn(async (_c: string, body: object) => ({
        ...aSessionView(),
        ...body,
        capacityWarning: warning,
      })),
    });
    await render(api);
    await user.click(
      await screen.findByRole('button', { name: 'Schedule a session' }),
    );
    // Nothing to check while the form is not valid.
    expect(api.checkSessionCapacity).not.toHaveBeenCalled();
    await user.type(within(dialog()).getByLabelText('Title'), 'Exam');
    expect(await within(dialog()).findByText(warning)).toBeInTheDocument();
    expect(api.checkSessionCapacity).toHaveBeenLastCalledWith(
      'c1',
      expect.objectContaining({ title: 'Exam', kind: 'once' }),
    );
    expect(api.createSession).not.toHaveBeenCalled();

    await user.click(
      within(dialog()).getByRole('button', { name: 'Schedule' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText(`"Exam" is saved. ${warning}`)).toBeInTheDocument();
  });

  it('edits a session, sends its fields and shows the warning the save gives', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      updateSession: jest.fn(async (_c: string, _s: string, body: object) => ({
        ...aSessionView(),
        ...body,
        capacityWarning: 'Thu 3 Dec 9:00 needs 30 desktops; 12 fit.',
      })),
    });
    await render(api);
    await user.click(await screen.findByRole('button', { name: 'Edit Lab' }));
    expect(within(dialog()).getByLabelText('Title')).toHaveValue('Lab');
    expect(within(dialog()).getByLabelText('Thursday')).toBeChecked();
    const duration = within(dialog()).getByLabelText('Duration (minutes)');
    await user.clear(duration);
    await user.type(duration, '60');
    await user.click(
      within(dialog()).getByRole('button', { name: 'Save changes' }),
    );
    await waitFor(() =>
      expect(api.updateSession).toHaveBeenCalledWith('c1', 's1', {
        title: 'Lab',
        kind: 'weekly',
        startDate: '2026-12-01',
        startTime: '09:00',
        durationMinutes: 60,
        weekdays: [2, 4],
        untilDate: '2026-12-18',
        warmUpMinutes: 10,
        afterEndMinutes: 15,
      }),
    );
    expect(
      await screen.findByText(
        '"Lab" is saved. Thu 3 Dec 9:00 needs 30 desktops; 12 fit.',
      ),
    ).toBeInTheDocument();
    // The live check would count the stored meetings beside the new ones.
    expect(api.checkSessionCapacity).not.toHaveBeenCalled();
  });

  it('cancels one meeting only after confirmation, then offers to restore it', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    api.listSessions
      .mockResolvedValueOnce({ items: [aSessionView()], timeZone: BERLIN })
      .mockResolvedValue({
        items: [aSessionView({ cancelledDates: ['2026-12-03'] })],
        timeZone: BERLIN,
      });
    api.listOccurrences
      .mockResolvedValueOnce({
        items: [aMeeting('2026-12-01'), aMeeting('2026-12-03')],
        timeZone: BERLIN,
      })
      .mockResolvedValue({ items: [aMeeting('2026-12-01')], timeZone: BERLIN });
    await render(api);
    await user.click(
      await screen.findByRole('button', {
        name: 'Cancel Lab on Thu 3 Dec 9:00',
      }),
    );
    expect(
      within(dialog()).getByText('Cancel the meeting on Thu 3 Dec 9:00?'),
    ).toBeInTheDocument();
    expect(api.cancelOccurrence).not.toHaveBeenCalled();
    await user.click(
      within(dialog()).getByRole('button', { name: 'Cancel meeting' }),
    );
    await waitFor(() =>
      expect(api.cancelOccurrence).toHaveBeenCalledWith(
        'c1',
        's1',
        '2026-12-03',
      ),
    );
    const restore = await screen.findByRole('button', {
      name: 'Restore Lab on Thu 3 Dec 9:00',
    });
    const rows = screen.getAllByTestId('upcoming-meeting');
    expect(rows[1]).toHaveTextContent('Thu 3 Dec 9:00–10:30LabCancelled');

    await user.click(restore);
    await user.click(
      within(dialog()).getByRole('button', { name: 'Restore meeting' }),
    );
    await waitFor(() =>
      expect(api.restoreOccurrence).toHaveBeenCalledWith(
        'c1',
        's1',
        '2026-12-03',
      ),
    );
  });

  it('deletes a session only after confirmation', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    await render(api);
    await user.click(await screen.findByRole('button', { name: 'Delete Lab' }));
    expect(within(dialog()).getByText('Delete "Lab"?')).toBeInTheDocument();
    await user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    expect(api.deleteSession).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete Lab' }));
    await user.click(
      within(dialog()).getByRole('button', { name: 'Delete session' }),
    );
    await waitFor(() =>
      expect(api.deleteSession).toHaveBeenCalledWith('c1', 's1'),
    );
  });

  it('shows instructors the last warm-ups and whose desktop could not start', async () => {
    const api = fakeApi();
    await render(api);
    const runs = await screen.findByRole('region', { name: 'Last warm-ups' });
    expect(
      await within(runs).findByText(
        'Tue 24 Nov 9:00: warm, 28 desktops started, 1 could not be started',
      ),
    ).toBeInTheDocument();
    expect(
      within(runs).getByText('bob: quota of 2 running desktops reached'),
    ).toBeInTheDocument();
    expect(api.listSessionRuns).toHaveBeenCalledWith('c1', 's1');
  });
});
