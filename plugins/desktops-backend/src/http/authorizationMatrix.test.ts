import {
  MatrixRoute,
  routesWithoutMatrixRows,
  runAuthorizationMatrix,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import { environmentRoutes } from '../__testUtils__/environmentMatrixRows';
import { shareRoutes } from '../__testUtils__/shareMatrixRows';
import { collaborationRoutes } from '../__testUtils__/collaborationMatrixRows';
import { classroomRoutes } from '../__testUtils__/classroomMatrixRows';
import { sessionRoutes } from '../__testUtils__/sessionMatrixRows';
import { capacityRoutes } from '../__testUtils__/capacityMatrixRows';
import { hourRoutes } from '../__testUtils__/hourMatrixRows';
import { createRouter } from './router';
import {
  registeredWebSocketPaths,
  serviceHeader,
  userHeader,
} from '../__testUtils__/testBackend';

/**
 * Every desktops route × every kind of caller → expected HTTP status, against
 * the real desktops-backend, the real permission backend and the real
 * Labstage policy module. The fixture desktops belong to alice.
 */

const actors = [
  'anonymous',
  'owner',
  'other student',
  'instructor',
  'admin',
  'catalog service',
  'auth service',
] as const;
type Actor = (typeof actors)[number];

const authHeaderOf: Record<Actor, string | undefined> = {
  anonymous: undefined,
  owner: userHeader('alice'),
  'other student': userHeader('bob'),
  instructor: userHeader('teacher'),
  admin: userHeader('root'),
  'catalog service': serviceHeader('catalog'),
  'auth service': serviceHeader('auth'),
};

/** Per-case data: alice's running and stopped desktops. */
type Fixture = { runningId: string; stoppedId: string };

type Route = MatrixRoute<Fixture> & {
  /** Statuses in the order of `actors`. */
  expected: [number, number, number, number, number, number, number];
};

//                            anon own  oth  inst adm  svc  auth
const anyUser = (ok: number) =>
  [401, ok, ok, ok, ok, 403, 403] as Route['expected'];
const ownerOrAdmin = (ok: number) =>
  [401, ok, 404, 404, ok, 403, 403] as Route['expected'];
/** Account deletion's routes: the accounts module (plugin:auth) only. */
const authPluginOnly = (ok: number) =>
  [401, 403, 403, 403, 403, 403, ok] as Route['expected'];

const d = (id: string) => `/api/desktops/desktops/${id}`;

const routes: Route[] = [
  {
    name: 'list images',
    method: 'get',
    path: () => '/api/desktops/images',
    expected: anyUser(200),
  },
  {
    name: 'list my desktops',
    method: 'get',
    path: () => '/api/desktops/desktops',
    expected: anyUser(200),
  },
  {
    name: 'list all desktops',
    method: 'get',
    path: () => '/api/desktops/desktops?scope=all',
    expected: [401, 403, 403, 403, 200, 403, 403],
  },
  {
    name: 'create desktop',
    method: 'post',
    path: () => '/api/desktops/desktops',
    body: () => ({ imageId: 'linux-desktop', name: 'Mine' }),
    expected: anyUser(202),
  },
  {
    name: 'create desktop from an unknown image',
    method: 'post',
    path: () => '/api/desktops/desktops',
    body: () => ({ imageId: 'nope' }),
    expected: anyUser(400),
  },
  {
    name: 'read desktop',
    method: 'get',
    path: f => d(f.runningId),
    expected: ownerOrAdmin(200),
  },
  {
    name: 'read unknown desktop',
    method: 'get',
    path: () => d('zzzzzzzzzzzz'),
    expected: [401, 404, 404, 404, 404, 403, 403],
  },
  {
    // Refused before any query: PostgreSQL would answer a NUL with an error.
    name: 'read a desktop id holding a NUL byte',
    method: 'get',
    path: () => d('%00'),
    expected: [404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'rename desktop',
    method: 'patch',
    path: f => d(f.runningId),
    body: () => ({ name: 'Renamed' }),
    expected: ownerOrAdmin(200),
  },
  {
    name: 'start stopped desktop',
    method: 'post',
    path: f => `${d(f.stoppedId)}/start`,
    expected: ownerOrAdmin(202),
  },
  {
    name: 'start running desktop',
    method: 'post',
    path: f => `${d(f.runningId)}/start`,
    expected: ownerOrAdmin(409),
  },
  {
    name: 'stop desktop',
    method: 'post',
    path: f => `${d(f.runningId)}/stop`,
    expected: ownerOrAdmin(202),
  },
  {
    name: 'view ticket',
    method: 'post',
    path: f => `${d(f.runningId)}/tickets`,
    body: () => ({ mode: 'view' }),
    expected: ownerOrAdmin(201),
  },
  {
    name: 'control ticket',
    method: 'post',
    path: f => `${d(f.runningId)}/tickets`,
    body: () => ({ mode: 'control' }),
    expected: ownerOrAdmin(201),
  },
  {
    name: 'ticket for a stopped desktop',
    method: 'post',
    path: f => `${d(f.stoppedId)}/tickets`,
    body: () => ({ mode: 'control' }),
    expected: ownerOrAdmin(409),
  },
  {
    name: 'upload file',
    method: 'put',
    path: f => `${d(f.runningId)}/files?name=notes.txt`,
    raw: 'some notes',
    expected: ownerOrAdmin(201),
  },
  {
    name: 'upload too large a file',
    method: 'put',
    path: f => `${d(f.runningId)}/files?name=big.bin`,
    raw: 'x'.repeat(100),
    expected: ownerOrAdmin(413),
  },
  {
    name: 'download file',
    method: 'get',
    path: f => `${d(f.runningId)}/files?path=Uploads/hello.txt`,
    expected: ownerOrAdmin(200),
  },
  {
    name: 'download missing file',
    method: 'get',
    path: f => `${d(f.runningId)}/files?path=Uploads/missing.txt`,
    expected: ownerOrAdmin(404),
  },
  {
    name: 'delete desktop',
    method: 'delete',
    path: f => d(f.stoppedId),
    expected: ownerOrAdmin(204),
  },
  {
    name: "a user's footprint (account deletion preview)",
    method: 'get',
    path: () => '/api/desktops/internal/users/alice/footprint',
    expected: authPluginOnly(200),
  },
  {
    name: "a user's footprint, malformed username",
    method: 'get',
    path: () => '/api/desktops/internal/users/Not%20A%20User/footprint',
    expected: authPluginOnly(400),
  },
  {
    name: "remove a deleted account's desktops",
    method: 'delete',
    path: () => '/api/desktops/internal/users/alice/desktops',
    expected: authPluginOnly(200),
  },
];

describe('desktops authorization matrix', () => {
  jest.setTimeout(300_000);

  it('authorization matrix (runtime replaced by an in-memory fake; real containers are covered in service.test.ts)', async () => {
    const api = await startApiBackend({
      courses: false,
      desktops: { files: { maxUploadBytes: 64 } },
    });

    const makeFixture = async (): Promise<Fixture> => {
      const runningId = await api.desktopOf('alice');
      const stoppedId = await api.stoppedDesktopOf('alice');
      await api.ok(
        201,
        'put',
        `${d(runningId)}/files?name=hello.txt`,
        userHeader('alice'),
        undefined,
        'hello',
      );
      return { runningId, stoppedId };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'desktops authorization matrix',
      routes,
      actors,
      authHeaderOf,
      makeFixture,
      send: api.send,
    });

    await api.stop();
    expect(cases).toBe(routes.length * actors.length);
    expect(unexpected).toEqual([]);
    // The gateway is mounted; its own tests cover who may connect.
    expect(registeredWebSocketPaths).toContain('/api/desktops/connect');
  });

  it('has a row for every route the router registers', async () => {
    const placeholders: Fixture = {
      runningId: 'running',
      stoppedId: 'stopped',
    };
    expect(
      await routesWithoutMatrixRows({
        createRouter,
        mountPath: '/api/desktops',
        routes: [
          ...routes,
          ...environmentRoutes,
          ...shareRoutes,
          ...collaborationRoutes,
          ...classroomRoutes,
          ...sessionRoutes,
          ...capacityRoutes,
          ...hourRoutes,
        ],
        placeholders: {
          ...placeholders,
          courseId: 'course',
          teacherImageId: 'teacher-image',
          aliceDesktopId: 'desktop',
          aliceImageId: 'alice-image',
          aliceSaveId: 'save',
          desktopId: 'desktop',
          plainStoppedId: 'plain',
          sessionId: 'session',
        },
      }),
    ).toEqual([]);
  });
});
