import { MatrixRoute } from '@internal/backstage-plugin-labstage-node/testUtils';
import {
  readersGet,
  serviceRefused,
  sharedDesktopActors,
  Statuses,
} from './sharedDesktopCallers';

/*
 * Rows of the classroom routes (grid, thumbnails, raised hands) for
 * classroomAuthorizationMatrix.test.ts; the route coverage check of
 * authorizationMatrix.test.ts counts them too.
 * Their callers are `sharedDesktopActors` (sharedDesktopCallers.ts).
 */

/**
 * A course taught by teacher with alice, bob, carol and dave enrolled;
 * alice's running course desktop, shared with bob as viewer and carol as
 * controller (dave has no grant); alice's stopped desktop outside any
 * course. tina teaches another course.
 */
export type ClassroomFixture = {
  courseId: string;
  desktopId: string;
  plainStoppedId: string;
};

type Route = MatrixRoute<ClassroomFixture> & {
  expected: Statuses<typeof sharedDesktopActors>;
};

const d = (id: string) => `/api/desktops/desktops/${id}`;
const classroom = (f: ClassroomFixture) =>
  `/api/desktops/courses/${f.courseId}/classroom`;

//                       anon own  view ctrl inst oins clsm adm  svc
const instructors = (ok: number): Route['expected'] => [
  401,
  403,
  403,
  403,
  ok,
  403,
  403,
  ok,
  403,
];
const readers = (ok: number) => serviceRefused(readersGet(ok));

export const classroomRoutes: Route[] = [
  {
    name: 'open the classroom',
    method: 'get',
    path: classroom,
    expected: instructors(200),
  },
  {
    name: 'open the classroom, running desktops only',
    method: 'get',
    path: f => `${classroom(f)}?state=running`,
    expected: instructors(200),
  },
  {
    name: 'open the classroom with an unknown state filter',
    method: 'get',
    path: f => `${classroom(f)}?state=sleeping`,
    expected: instructors(400),
  },
  {
    name: 'open the classroom of a malformed course id',
    method: 'get',
    path: () => '/api/desktops/courses/not-a-course/classroom',
    expected: [401, 400, 400, 400, 400, 400, 400, 400, 403],
  },
  {
    name: "a running desktop's thumbnail",
    method: 'get',
    path: f => `${d(f.desktopId)}/thumbnail`,
    expected: readers(200),
  },
  {
    name: "a stopped desktop's thumbnail",
    method: 'get',
    path: f => `${d(f.plainStoppedId)}/thumbnail`,
    expected: [401, 409, 404, 404, 404, 404, 404, 409, 403],
  },
  {
    name: "see a desktop's hand",
    method: 'get',
    path: f => `${d(f.desktopId)}/hand`,
    expected: readers(200),
  },
  {
    // The policy lets instructors (and admins) lower hands; only the owner raises.
    name: 'raise the hand',
    method: 'post',
    path: f => `${d(f.desktopId)}/hand`,
    expected: [401, 200, 403, 403, 403, 404, 404, 403, 403],
  },
  {
    name: 'raise the hand of a desktop outside any course',
    method: 'post',
    path: f => `${d(f.plainStoppedId)}/hand`,
    expected: [401, 409, 404, 404, 404, 404, 404, 403, 403],
  },
  {
    name: 'lower the hand',
    method: 'delete',
    path: f => `${d(f.desktopId)}/hand`,
    expected: [401, 204, 403, 403, 204, 404, 404, 204, 403],
  },
];
