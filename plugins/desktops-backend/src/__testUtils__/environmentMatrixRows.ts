import { MatrixRoute } from '@internal/backstage-plugin-labstage-node/testUtils';

/**
 * Rows of the saved-image and course-environment routes for the desktops
 * authorization matrix (environmentAuthorizationMatrix.test.ts); the route
 * coverage check of authorizationMatrix.test.ts counts them too.
 */
export const environmentActors = [
  'anonymous',
  'owner',
  'classmate',
  'outsider',
  'instructor',
  'other instructor',
  'admin',
  'catalog service',
] as const;

/**
 * Per case: a course taught by teacher with alice (the owner) and bob
 * enrolled; teacher's published image (v1 and v2 published, in that
 * order); alice's course desktop (made from v1), her own saved image and
 * its save.
 */
export type EnvironmentFixture = {
  courseId: string;
  teacherImageId: string;
  aliceDesktopId: string;
  aliceImageId: string;
  aliceSaveId: string;
};

export type EnvironmentRoute = MatrixRoute<EnvironmentFixture> & {
  /** Statuses in the order of `environmentActors`. */
  expected: [number, number, number, number, number, number, number, number];
};

const c = (f: EnvironmentFixture) => `/api/desktops/courses/${f.courseId}`;
const d = (id: string) => `/api/desktops/desktops/${id}`;
const img = (id: string) => `/api/desktops/saved-images/${id}`;

//                                anon own  cls  out  inst oins adm  svc
const aliceOrAdmin = (ok: number): EnvironmentRoute['expected'] => [
  401,
  ok,
  404,
  404,
  404,
  404,
  ok,
  403,
];
/**
 * Owner's actions on alice's course desktop: the course's instructor may
 * read it (so 403, not 404), no one else but admins.
 */
const aliceCourseDesktop = (ok: number): EnvironmentRoute['expected'] => [
  401,
  ok,
  404,
  404,
  403,
  404,
  ok,
  403,
];

export const environmentRoutes: EnvironmentRoute[] = [
  {
    name: 'see the course environment',
    method: 'get',
    path: f => `${c(f)}/environment`,
    expected: [401, 200, 200, 403, 200, 403, 200, 403],
  },
  {
    // Admins may publish anywhere, but only their own images.
    name: "publish the instructor's image",
    method: 'post',
    path: f => `${c(f)}/environment`,
    body: f => ({ imageId: f.teacherImageId, description: 'v3' }),
    expected: [401, 403, 403, 403, 201, 403, 400, 403],
  },
  {
    name: 'publish with a bad body',
    method: 'post',
    path: f => `${c(f)}/environment`,
    body: () => ({ imageId: 'not-an-id', extra: true }),
    expected: [401, 403, 403, 403, 400, 403, 400, 403],
  },
  {
    name: 'list environment versions',
    method: 'get',
    path: f => `${c(f)}/environment/versions`,
    expected: [401, 403, 403, 403, 200, 403, 200, 403],
  },
  {
    // alice resumes hers; the others get a first desktop.
    name: 'launch the course environment',
    method: 'post',
    path: f => `${c(f)}/environment/launch`,
    expected: [401, 200, 201, 403, 201, 403, 201, 403],
  },
  {
    name: "list the course's desktops",
    method: 'get',
    path: f => `${c(f)}/desktops`,
    expected: [401, 403, 403, 403, 200, 403, 200, 403],
  },
  {
    name: 'update a course desktop to the newest environment',
    method: 'post',
    path: f => `${d(f.aliceDesktopId)}/update-environment`,
    expected: aliceCourseDesktop(200),
  },
  {
    name: 'save a desktop as an image',
    method: 'post',
    path: f => `${d(f.aliceDesktopId)}/image`,
    body: () => ({ name: 'my-copy' }),
    expected: aliceCourseDesktop(202),
  },
  {
    name: 'save with a name that escapes (../)',
    method: 'post',
    path: f => `${d(f.aliceDesktopId)}/image`,
    body: () => ({ name: '../../etc' }),
    expected: aliceCourseDesktop(400),
  },
  {
    name: 'build an image',
    method: 'post',
    path: () => '/api/desktops/saved-images/build',
    body: () => ({
      base: 'linux-desktop',
      name: 'built',
      files: [{ path: '/home/student/readme.txt', content: 'hi' }],
    }),
    expected: [401, 403, 403, 403, 202, 202, 202, 403],
  },
  {
    name: 'build from a base in another registry',
    method: 'post',
    path: () => '/api/desktops/saved-images/build',
    body: () => ({
      base: 'evil.example.com/x/y:1',
      name: 'built',
      dockerfile: 'RUN true',
    }),
    expected: [401, 403, 403, 403, 400, 400, 400, 403],
  },
  {
    name: 'follow a save',
    method: 'get',
    path: f => `/api/desktops/image-saves/${f.aliceSaveId}`,
    expected: [401, 200, 404, 404, 404, 404, 404, 403],
  },
  {
    name: 'list my saved images',
    method: 'get',
    path: () => '/api/desktops/saved-images',
    expected: [401, 200, 200, 200, 200, 200, 200, 403],
  },
  {
    name: 'read a saved image',
    method: 'get',
    path: f => img(f.aliceImageId),
    expected: aliceOrAdmin(200),
  },
  {
    name: 'delete a saved image',
    method: 'delete',
    path: f => img(f.aliceImageId),
    expected: aliceOrAdmin(204),
  },
  {
    name: 'delete an image a course uses',
    method: 'delete',
    path: f => img(f.teacherImageId),
    expected: [401, 404, 404, 404, 409, 404, 409, 403],
  },
  {
    name: "give the course's students copies",
    method: 'post',
    path: () => '/api/desktops/desktops/clone',
    body: f => ({ imageId: f.teacherImageId, courseId: f.courseId }),
    expected: [401, 404, 404, 404, 201, 404, 201, 403],
  },
  {
    name: 'give named people copies, outside a course',
    method: 'post',
    path: () => '/api/desktops/desktops/clone',
    body: f => ({ imageId: f.aliceImageId, usernames: ['bob'] }),
    expected: [401, 403, 404, 404, 404, 404, 201, 403],
  },
];
