import { screen, waitFor, within } from '@testing-library/react';
import { mockApis } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { desktopSignalChannel } from '@internal/backstage-plugin-desktops-common';
import { Settings } from 'luxon';
import { aDesktop } from '../../__testUtils__/desktopFixture';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithDesktopsApi } from '../../__testUtils__/renderWithDesktopsApi';
import {
  aMeeting,
  aSessionNow,
  aSessionView,
} from '../../__testUtils__/sessionFixtures';
import { SessionsOverviewPanel } from './SessionsOverviewPanel';

const realNow = Settings.now;

// Thursday 26 November 2026, 12:00 in Berlin.
beforeEach(() => {
  Settings.now = () => Date.parse('2026-11-26T11:00:00Z');
});
afterEach(() => {
  Settings.now = realNow;
});

const NOTHING_NOW = { occurrence: null, phase: null, desktop: null };

function fakeApi(overrides: object = {}) {
  return {
    listSessions: jest.fn().mockResolvedValue({
      items: [aSessionView()],
      timeZone: 'Europe/Berlin',
    }),
    getSessionNow: jest.fn().mockResolvedValue(NOTHING_NOW),
    // The ready card reads the desktop ahead for the viewer.
    getDesktop: jest.fn(async (id: string) => ({ id, state: 'running' })),
    ...overrides,
  };
}

async function render(
  api: object,
  role: 'student' | 'instructor' = 'student',
  signals = fakeSignals(),
) {
  await renderWithDesktopsApi(
    <SessionsOverviewPanel
      courseId="c1"
      courseCode="CS101"
      canManage={role === 'instructor'}
      isStudent={role === 'student'}
    />,
    api,
    [
      [signalApiRef, signals.api],
      [
        identityApiRef,
        mockApis.identity({ userEntityRef: 'user:default/alice' }),
      ],
    ],
  );
  return signals;
}

describe('SessionsOverviewPanel: the next session', () => {
  it("names the next meeting's weekday and time in the course's zone", async () => {
    // 08:00 UTC on Tuesday 1 December: 9:00 in Berlin.
    await render(fakeApi());
    expect(await screen.findByTestId('next-session')).toHaveTextContent(
      /^Next session: Tue 9:00$/,
    );
    expect(screen.getByText('Lab · Europe/Berlin')).toBeInTheDocument();
  });

  it('uses the zone the course is in, not the browser', async () => {
    await render(
      fakeApi({
        listSessions: jest.fn().mockResolvedValue({
          items: [aSessionView()],
          timeZone: 'America/New_York',
        }),
      }),
    );
    expect(await screen.findByTestId('next-session')).toHaveTextContent(
      /^Next session: Tue 3:00$/,
    );
  });

  it('takes the earliest next meeting of all sessions', async () => {
    const exam = aSessionView({
      id: 's2',
      title: 'Exam',
      kind: 'once',
      startDate: '2026-11-27',
      weekdays: [],
      untilDate: null,
      nextOccurrence: aMeeting('2026-11-27', {
        sessionId: 's2',
        title: 'Exam',
        start: '2026-11-27T13:00:00.000Z',
        end: '2026-11-27T15:00:00.000Z',
      }),
    });
    await render(
      fakeApi({
        listSessions: jest.fn().mockResolvedValue({
          items: [aSessionView(), exam],
          timeZone: 'Europe/Berlin',
        }),
      }),
    );
    expect(await screen.findByTestId('next-session')).toHaveTextContent(
      /^Next session: Fri 14:00$/,
    );
  });

  it('points instructors of a course without sessions to the Sessions tab', async () => {
    await render(
      fakeApi({
        listSessions: jest
          .fn()
          .mockResolvedValue({ items: [], timeZone: 'Europe/Berlin' }),
      }),
      'instructor',
    );
    expect(await screen.findByTestId('next-session')).toHaveTextContent(
      'No sessions scheduled',
    );
    expect(
      screen.getByRole('link', { name: 'Schedule one in the Sessions tab' }),
    ).toHaveAttribute('href', expect.stringMatching(/\/sessions$/));
  });

  it('shows students of a course without sessions nothing', async () => {
    const api = fakeApi({
      listSessions: jest
        .fn()
        .mockResolvedValue({ items: [], timeZone: 'Europe/Berlin' }),
    });
    await render(api);
    await waitFor(() => expect(api.listSessions).toHaveBeenCalled());
    await waitFor(() => expect(api.getSessionNow).toHaveBeenCalled());
    expect(screen.queryByTestId('next-session')).toBeNull();
    expect(screen.queryByText(/session/i)).toBeNull();
  });
});

describe('SessionsOverviewPanel: the class start card', () => {
  it('says the desktop is ready before class, with one Open to the viewer', async () => {
    await render(fakeApi({ getSessionNow: async () => aSessionNow() }));
    expect(await screen.findByTestId('class-start-card')).toHaveTextContent(
      'Class starts at 9:00: your desktop is ready',
    );
    const card = screen.getByRole('region', { name: 'Class session' });
    const open = within(card).getByRole('button', { name: 'Open' });
    expect(open).toHaveAttribute('href', '/desktops/d1');
    expect(screen.queryByTestId('next-session')).toBeNull();
  });

  it('says the desktop is starting while the warm-up has not got it running', async () => {
    await render(
      fakeApi({
        getSessionNow: async () =>
          aSessionNow({ desktop: { id: 'd1', state: 'starting' } }),
      }),
    );
    expect(await screen.findByTestId('class-start-card')).toHaveTextContent(
      'Class starts at 9:00: your desktop is starting…',
    );
    expect(screen.queryByRole('button', { name: 'Open' })).toBeNull();
  });

  it('says until when class is on', async () => {
    await render(
      fakeApi({
        getSessionNow: async () => aSessionNow({ phase: 'in-class' }),
      }),
    );
    expect(await screen.findByTestId('class-start-card')).toHaveTextContent(
      'Class is on until 10:30',
    );
    expect(screen.getByRole('button', { name: 'Open' })).toBeInTheDocument();
  });

  it('turns "starting" into "ready" when the desktops signal says the course desktop changed', async () => {
    const getSessionNow = jest
      .fn()
      .mockResolvedValueOnce(
        aSessionNow({ desktop: { id: 'd1', state: 'starting' } }),
      )
      .mockResolvedValue(aSessionNow());
    const signals = await render(fakeApi({ getSessionNow }));
    expect(await screen.findByTestId('class-start-card')).toHaveTextContent(
      'your desktop is starting…',
    );
    const channel = desktopSignalChannel('user:default/alice');
    await signals.subscribed(channel);
    // Another of alice's desktops changing is not a reason to ask.
    signals.send(channel, {
      type: 'desktop-changed',
      desktop: aDesktop({ id: 'd9', courseId: null }),
    });
    expect(getSessionNow).toHaveBeenCalledTimes(1);
    signals.send(channel, {
      type: 'desktop-changed',
      desktop: aDesktop({ id: 'd1', courseId: 'c1', state: 'running' }),
    });
    await waitFor(() =>
      expect(screen.getByTestId('class-start-card')).toHaveTextContent(
        'Class starts at 9:00: your desktop is ready',
      ),
    );
    expect(getSessionNow).toHaveBeenCalledTimes(2);
  });

  it('does not ask instructors for a desktop of their own', async () => {
    const api = fakeApi();
    const signals = await render(api, 'instructor');
    expect(await screen.findByTestId('next-session')).toBeInTheDocument();
    expect(api.getSessionNow).not.toHaveBeenCalled();
    expect(signals.listeners).toHaveLength(0);
  });
});
