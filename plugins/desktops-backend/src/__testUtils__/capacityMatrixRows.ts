import {
  fixtureSession,
  SessionFixture,
  SessionRoute,
} from './sessionMatrixRows';

/**
 * Rows of the capacity routes for capacityAuthorizationMatrix.test.ts,
 * over the session matrix's actors and fixture (a course taught by teacher
 * with alice enrolled); the route coverage check of
 * authorizationMatrix.test.ts counts them too.
 */

const check = (f: SessionFixture) =>
  `/api/desktops/courses/${f.courseId}/sessions/capacity-check`;

//                                     anon inst oins stud out  adm  svc
export const capacityRoutes: SessionRoute[] = [
  {
    name: 'read what the installation can run',
    method: 'get',
    path: () => '/api/desktops/capacity',
    expected: [401, 403, 403, 403, 403, 200, 403],
  },
  {
    name: 'check whether a session being scheduled fits',
    method: 'post',
    path: check,
    body: () => ({ ...fixtureSession, title: 'Exam' }),
    expected: [401, 200, 403, 403, 403, 200, 403],
  },
  {
    name: 'check a session that is not a valid one',
    method: 'post',
    path: check,
    body: () => ({ ...fixtureSession, weekdays: [] }),
    expected: [401, 400, 403, 403, 403, 400, 403],
  },
];
