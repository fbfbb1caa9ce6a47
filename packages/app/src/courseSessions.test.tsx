import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import coursesPlugin, {
  coursesApiRef,
} from '@internal/backstage-plugin-courses';
import desktopsPlugin, {
  desktopsApiRef,
} from '@internal/backstage-plugin-desktops';
import { renderCreatedApp } from './__testUtils__/renderCreatedApp';

/**
 * A stand-in API with the calls a case gives; any other call (another
 * panel's) is refused, which that panel shows as its own error.
 */
function stubApi(calls: Record<string, unknown>) {
  return new Proxy(calls, {
    get: (target, name: string) =>
      name in target
        ? target[name]
        : () => Promise.reject(new Error(`${name} is not in this test`)),
  });
}

const cs101 = (myRole: 'student' | 'instructor') => ({
  id: 'c1',
  title: 'Introduction to Linux',
  code: 'CS101',
  term: '',
  description: '',
  archived: false,
  timeZone: 'Europe/Berlin',
  joinCodeEnabled: false,
  myRole,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
});

/**
 * The course page as createApp builds it, with the desktops plugin's
 * panels attached through the course page's input: tabs and Overview
 * cards where a user finds them, and links resolved below the course.
 */
function renderCourse(
  path: string,
  myRole: 'student' | 'instructor',
  desktops: Record<string, unknown>,
) {
  const testApis = [
    createFrontendModule({
      pluginId: 'courses',
      extensions: [
        ApiBlueprint.make({
          params: define =>
            define({
              api: coursesApiRef,
              deps: {},
              factory: () =>
                stubApi({
                  getCourse: jest.fn().mockResolvedValue(cs101(myRole)),
                }) as any,
            }),
        }),
      ],
    }),
    createFrontendModule({
      pluginId: 'desktops',
      extensions: [
        ApiBlueprint.make({
          params: define =>
            define({
              api: desktopsApiRef,
              deps: {},
              factory: () => stubApi(desktops) as any,
            }),
        }),
      ],
    }),
  ];
  renderCreatedApp({
    path,
    features: [coursesPlugin, desktopsPlugin, ...testApis],
    authorize: () => AuthorizeResult.ALLOW,
  });
}

const meeting = {
  sessionId: 's1',
  courseId: 'c1',
  title: 'Lab',
  date: '2030-12-03',
  start: '2030-12-03T08:00:00.000Z',
  end: '2030-12-03T09:30:00.000Z',
  warmUpAt: '2030-12-03T07:50:00.000Z',
  stopAt: '2030-12-03T09:45:00.000Z',
};

// A whole app per case, so slower than the default allows under load.
jest.setTimeout(30_000);

describe('class sessions on the course page', () => {
  it("puts a student's ready desktop first on the Overview, with Open to the viewer", async () => {
    renderCourse('/courses/c1', 'student', {
      listSessions: jest
        .fn()
        .mockResolvedValue({ items: [], timeZone: 'Europe/Berlin' }),
      getSessionNow: jest.fn().mockResolvedValue({
        occurrence: meeting,
        phase: 'warming-up',
        desktop: { id: 'd1', state: 'running' },
      }),
      listDesktops: jest.fn().mockResolvedValue({
        items: [],
        quota: { maxRunning: 2, running: 0 },
      }),
    });
    const card = await screen.findByRole(
      'region',
      { name: 'Class session' },
      { timeout: 10_000 },
    );
    expect(card).toHaveTextContent(
      'Class starts at 9:00: your desktop is ready',
    );
    expect(within(card).getByRole('button', { name: 'Open' })).toHaveAttribute(
      'href',
      '/desktops/d1',
    );
    // Before the Environment card, the first of the desktops plugin's.
    const environment = await screen.findByText('Environment');
    expect(
      card.compareDocumentPosition(environment) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    // Every member has the Sessions tab.
    expect(screen.getByRole('tab', { name: 'Sessions' })).toBeInTheDocument();
  });

  it('points an instructor of a course without sessions to the Sessions tab, whose link opens it', async () => {
    const user = userEvent.setup();
    renderCourse('/courses/c1', 'instructor', {
      listSessions: jest
        .fn()
        .mockResolvedValue({ items: [], timeZone: 'Europe/Berlin' }),
      listDesktops: jest.fn().mockResolvedValue({
        items: [],
        quota: { maxRunning: 2, running: 0 },
      }),
    });
    const link = await screen.findByRole(
      'link',
      { name: 'Schedule one in the Sessions tab' },
      { timeout: 10_000 },
    );
    expect(link).toHaveAttribute('href', '/courses/c1/sessions');
    await user.click(link);
    expect(
      await screen.findByRole('button', { name: 'Schedule a session' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(window.location.pathname).toBe('/courses/c1/sessions'),
    );
  });
});
