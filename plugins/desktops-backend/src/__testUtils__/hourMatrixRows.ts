import { MatrixRoute } from '@internal/backstage-plugin-labstage-node/testUtils';
import { courseActors } from './courseMatrixActors';

/**
 * Rows of the hour quota routes for the desktops authorization matrix
 * (hourAuthorizationMatrix.test.ts); the route coverage check of
 * authorizationMatrix.test.ts counts them too. What matters is how each
 * caller stands to the course: its instructor manages its hours, its
 * students see their own meter only, others get nothing.
 */
export const hourActors = courseActors;

/** Per case: a course taught by teacher with alice enrolled (dave is not, tina teaches another course). */
export type HourFixture = {
  courseId: string;
};

export type HourRoute = MatrixRoute<HourFixture> & {
  /** Statuses in the order of `hourActors`. */
  expected: [number, number, number, number, number, number, number];
};

const h = (f: HourFixture) => `/api/desktops/courses/${f.courseId}/hours`;

//                                 anon inst oins stud out  adm  svc
/** Members of the course (and admins) get `ok`: each their own meter. */
const members = (ok: number): HourRoute['expected'] => [
  401,
  ok,
  403,
  ok,
  403,
  ok,
  403,
];
/** The course's instructor and admins get `ok`. */
const instructorsOrAdmin = (ok: number): HourRoute['expected'] => [
  401,
  ok,
  403,
  403,
  403,
  ok,
  403,
];

export const hourRoutes: HourRoute[] = [
  {
    name: 'see my own meter',
    method: 'get',
    path: f => `${h(f)}/me`,
    expected: members(200),
  },
  {
    name: "see every student's meter",
    method: 'get',
    path: h,
    expected: instructorsOrAdmin(200),
  },
  {
    name: "set the course's weekly hours",
    method: 'put',
    path: f => `${h(f)}/budget`,
    body: () => ({ weeklyHours: 12, classTimeCounts: false }),
    expected: instructorsOrAdmin(200),
  },
  {
    name: "set the course's weekly hours to more than a week",
    method: 'put',
    path: f => `${h(f)}/budget`,
    body: () => ({ weeklyHours: 169 }),
    expected: instructorsOrAdmin(400),
  },
  {
    name: 'grant a student extra hours',
    method: 'post',
    path: f => `${h(f)}/grants`,
    body: () => ({ student: 'user:default/alice', extraHours: 2 }),
    expected: instructorsOrAdmin(200),
  },
  {
    name: 'grant extra hours to someone outside the course',
    method: 'post',
    path: f => `${h(f)}/grants`,
    body: () => ({ student: 'user:default/dave', extraHours: 2 }),
    expected: instructorsOrAdmin(400),
  },
  {
    name: "read the installation's default hours",
    method: 'get',
    path: () => '/api/desktops/hour-defaults',
    expected: [401, 200, 200, 200, 200, 200, 403],
  },
  {
    name: "set the installation's default hours",
    method: 'put',
    path: () => '/api/desktops/hour-defaults',
    body: () => ({ weeklyHours: 20, classTimeCounts: false }),
    expected: [401, 403, 403, 403, 403, 200, 403],
  },
];
