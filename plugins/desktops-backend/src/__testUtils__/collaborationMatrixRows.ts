import { MatrixRoute } from '@internal/backstage-plugin-labstage-node/testUtils';
import {
  ownerOrAdminGets,
  readersGet,
  sharedDesktopUsers,
  Statuses,
} from './sharedDesktopCallers';

/*
 * Rows of the control hand-off, presence and audit routes, and of the
 * gateway's ticket modes on a shared course desktop, for
 * collaborationAuthorizationMatrix.test.ts; the route coverage check of
 * authorizationMatrix.test.ts counts them too.
 * Their callers are `sharedDesktopUsers` (sharedDesktopCallers.ts).
 */

/**
 * Per case: alice's running desktop of a course taught by teacher, shared
 * with bob as viewer and carol as controller (dave is in the course
 * without a share; tina teaches another course); carol has asked for the
 * control.
 */
export type CollaborationFixture = { desktopId: string };

export type CollaborationRoute = MatrixRoute<CollaborationFixture> & {
  expected: Statuses<typeof sharedDesktopUsers>;
};

const d = (f: CollaborationFixture) => `/api/desktops/desktops/${f.desktopId}`;

//                         anon own  view ctrl inst oins clsm adm
const adminsOnly = (ok: number): CollaborationRoute['expected'] => [
  401,
  403,
  403,
  403,
  403,
  403,
  403,
  ok,
];

export const collaborationRoutes: CollaborationRoute[] = [
  {
    name: 'who is connected now',
    method: 'get',
    path: f => `${d(f)}/presence`,
    expected: readersGet(200),
  },
  {
    // The owner always has the control; a viewer may not ask for it.
    name: 'ask for the control',
    method: 'post',
    path: f => `${d(f)}/control/request`,
    expected: [401, 409, 403, 200, 200, 404, 404, 200],
  },
  {
    name: 'hand the control to the controller who asked',
    method: 'post',
    path: f => `${d(f)}/control/grant`,
    body: () => ({ userEntityRef: 'user:default/carol' }),
    expected: ownerOrAdminGets(200),
  },
  {
    name: 'hand the control over, with a bad body',
    method: 'post',
    path: f => `${d(f)}/control/grant`,
    body: () => ({ userEntityRef: 'carol', extra: true }),
    expected: ownerOrAdminGets(400),
  },
  {
    // dave neither asked nor is connected with a control connection.
    name: 'hand the control to someone who did not ask',
    method: 'post',
    path: f => `${d(f)}/control/grant`,
    body: () => ({ userEntityRef: 'user:default/dave' }),
    expected: ownerOrAdminGets(409),
  },
  {
    // The owner takes back (nothing held: a no-op); carol withdraws her
    // request; the instructor and the admin neither hold nor asked.
    name: 'release the control',
    method: 'post',
    path: f => `${d(f)}/control/release`,
    expected: [401, 200, 403, 200, 409, 404, 404, 409],
  },
  {
    // Only an instructor of the course or an admin takes it directly.
    name: 'take the control',
    method: 'post',
    path: f => `${d(f)}/control/take`,
    expected: [401, 409, 403, 403, 200, 404, 404, 200],
  },
  {
    name: "the owner's visitors",
    method: 'get',
    path: f => `${d(f)}/visitors`,
    expected: ownerOrAdminGets(200),
  },
  {
    name: 'visitors, with a bad page size',
    method: 'get',
    path: f => `${d(f)}/visitors?limit=0`,
    expected: ownerOrAdminGets(400),
  },
  {
    name: 'the audit log',
    method: 'get',
    path: f => `/api/desktops/audit?desktopId=${f.desktopId}&limit=10`,
    expected: adminsOnly(200),
  },
  {
    name: 'the audit log, with an unknown action',
    method: 'get',
    path: () => '/api/desktops/audit?action=connection.edit',
    expected: adminsOnly(400),
  },
  {
    name: 'the audit log as CSV',
    method: 'get',
    path: f => `/api/desktops/audit/export.csv?desktopId=${f.desktopId}`,
    expected: adminsOnly(200),
  },
  {
    name: 'view ticket of a shared course desktop',
    method: 'post',
    path: f => `${d(f)}/tickets`,
    body: () => ({ mode: 'view' }),
    expected: readersGet(201),
  },
  {
    // A viewer can read the desktop (403, not 404) but never gets control.
    name: 'control ticket of a shared course desktop',
    method: 'post',
    path: f => `${d(f)}/tickets`,
    body: () => ({ mode: 'control' }),
    expected: [401, 201, 403, 201, 201, 404, 404, 201],
  },
];
