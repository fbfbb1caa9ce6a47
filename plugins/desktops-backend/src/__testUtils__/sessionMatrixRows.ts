import { MatrixRoute } from '@internal/backstage-plugin-labstage-node/testUtils';
import { courseActors } from './courseMatrixActors';

/**
 * Rows of the class session routes for the desktops authorization matrix
 * (sessionAuthorizationMatrix.test.ts); the route coverage check of
 * authorizationMatrix.test.ts counts them too. No caller owns anything
 * here: what matters is how each one stands to the course.
 */
export const sessionActors = courseActors;

/**
 * Per case: a course taught by teacher with alice enrolled (dave is not,
 * tina teaches another course) and its weekly session on Mondays and
 * Wednesdays from Monday 2030-01-07, whose meeting on Wednesday
 * 2030-01-09 is cancelled.
 */
export type SessionFixture = {
  courseId: string;
  sessionId: string;
};

export type SessionRoute = MatrixRoute<SessionFixture> & {
  /** Statuses in the order of `sessionActors`. */
  expected: [number, number, number, number, number, number, number];
};

/** The fixture session's schedule. */
export const fixtureSession = {
  title: 'Lab',
  kind: 'weekly',
  startDate: '2030-01-07',
  startTime: '09:00',
  durationMinutes: 90,
  weekdays: [1, 3],
} as const;

/** The fixture's cancelled meeting. */
export const fixtureCancelledDate = '2030-01-09';

const s = (f: SessionFixture) => `/api/desktops/courses/${f.courseId}/sessions`;
const one = (f: SessionFixture) => `${s(f)}/${f.sessionId}`;

//                                 anon inst oins stud out  adm  svc
/** Members of the course (and admins) get `ok`. */
const members = (ok: number): SessionRoute['expected'] => [
  401,
  ok,
  403,
  ok,
  403,
  ok,
  403,
];
/** The course's instructor and admins get `ok`. */
const instructorsOrAdmin = (ok: number): SessionRoute['expected'] => [
  401,
  ok,
  403,
  403,
  403,
  ok,
  403,
];

export const sessionRoutes: SessionRoute[] = [
  {
    name: "list the course's sessions",
    method: 'get',
    path: s,
    expected: members(200),
  },
  {
    name: 'list the meetings in a window',
    method: 'get',
    path: f =>
      `${s(f)}/occurrences?from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z`,
    expected: members(200),
  },
  {
    name: 'list the meetings in a window over 62 days',
    method: 'get',
    path: f =>
      `${s(f)}/occurrences?from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z`,
    expected: members(400),
  },
  {
    name: 'schedule a session',
    method: 'post',
    path: s,
    body: () => ({
      ...fixtureSession,
      title: 'Exam',
      kind: 'once',
      weekdays: [],
    }),
    expected: instructorsOrAdmin(201),
  },
  {
    name: 'schedule a weekly session without weekdays',
    method: 'post',
    path: s,
    body: () => ({ ...fixtureSession, weekdays: [] }),
    expected: instructorsOrAdmin(400),
  },
  {
    name: 'change a session',
    method: 'patch',
    path: one,
    body: () => ({ startTime: '10:15' }),
    expected: instructorsOrAdmin(200),
  },
  {
    name: 'delete a session',
    method: 'delete',
    path: one,
    expected: instructorsOrAdmin(204),
  },
  {
    name: 'cancel a meeting',
    method: 'post',
    path: f => `${one(f)}/cancellations`,
    body: () => ({ date: '2030-01-14' }),
    expected: instructorsOrAdmin(200),
  },
  {
    name: 'cancel on a day the session does not meet',
    method: 'post',
    path: f => `${one(f)}/cancellations`,
    body: () => ({ date: '2030-01-08' }),
    expected: instructorsOrAdmin(400),
  },
  {
    name: 'take back a cancellation',
    method: 'delete',
    path: f => `${one(f)}/cancellations/${fixtureCancelledDate}`,
    expected: instructorsOrAdmin(200),
  },
  {
    name: 'see the meeting on now and my course desktop',
    method: 'get',
    path: f => `${s(f)}/now`,
    expected: members(200),
  },
  {
    name: "list a session's warm-ups",
    method: 'get',
    path: f => `${one(f)}/runs`,
    expected: instructorsOrAdmin(200),
  },
];
