import { MatrixRoute } from '@internal/backstage-plugin-labstage-node/testUtils';
import {
  ownerOrAdminGets,
  readersGet,
  serviceRefused,
  sharedDesktopActors,
  Statuses,
} from './sharedDesktopCallers';

/*
 * Rows of the sharing routes, and of the desktop routes whose answer now
 * depends on shares and course instructors, for
 * shareAuthorizationMatrix.test.ts; the route coverage check of
 * authorizationMatrix.test.ts counts them too.
 * Their callers are `sharedDesktopActors` (sharedDesktopCallers.ts).
 */

/**
 * Per case: a course taught by teacher, with alice, bob, carol and dave
 * enrolled; alice's running desktop of that course, shared with bob as
 * viewer and with carol as controller. dave has no grant. tina teaches
 * another course alice is in (so she may be invited, but gets nothing from
 * teaching).
 */
export type ShareFixture = { courseId: string; desktopId: string };

export type ShareRoute = MatrixRoute<ShareFixture> & {
  expected: Statuses<typeof sharedDesktopActors>;
};

const d = (f: ShareFixture) => `/api/desktops/desktops/${f.desktopId}`;
const share = (f: ShareFixture, grantee: string) =>
  `${d(f)}/shares/${encodeURIComponent(grantee)}`;

const ownerOnly = (ok: number) => serviceRefused(ownerOrAdminGets(ok));

export const shareRoutes: ShareRoute[] = [
  // ---- the sharing routes ----------------------------------------------
  {
    name: "list the desktop's shares",
    method: 'get',
    path: f => `${d(f)}/shares`,
    expected: ownerOnly(200),
  },
  {
    name: 'list who may be invited',
    method: 'get',
    path: f => `${d(f)}/share-candidates`,
    expected: ownerOnly(200),
  },
  {
    name: 'invite a classmate',
    method: 'put',
    path: f => share(f, 'user:default/dave'),
    body: () => ({ role: 'viewer' }),
    expected: ownerOnly(201),
  },
  {
    name: "change a viewer's role",
    method: 'put',
    path: f => share(f, 'user:default/bob'),
    body: () => ({ role: 'controller' }),
    expected: ownerOnly(200),
  },
  {
    name: "invite an instructor of another of the owner's courses",
    method: 'put',
    path: f => share(f, 'user:default/tina'),
    body: () => ({ role: 'controller' }),
    expected: ownerOnly(201),
  },
  {
    name: 'invite the owner',
    method: 'put',
    path: f => share(f, 'user:default/alice'),
    body: () => ({ role: 'viewer' }),
    expected: ownerOnly(400),
  },
  {
    name: 'invite someone in no course with the owner',
    method: 'put',
    path: f => share(f, 'user:default/root'),
    body: () => ({ role: 'viewer' }),
    expected: ownerOnly(400),
  },
  {
    name: 'invite an unknown user',
    method: 'put',
    path: f => share(f, 'user:default/nobody'),
    body: () => ({ role: 'viewer' }),
    expected: ownerOnly(400),
  },
  {
    name: 'invite with a name that is no user entity ref',
    method: 'put',
    path: f => share(f, 'dave'),
    body: () => ({ role: 'viewer' }),
    expected: ownerOnly(400),
  },
  {
    name: 'invite as an unknown role',
    method: 'put',
    path: f => share(f, 'user:default/dave'),
    body: () => ({ role: 'owner' }),
    expected: ownerOnly(400),
  },
  {
    name: 'revoke a share',
    method: 'delete',
    path: f => share(f, 'user:default/bob'),
    expected: ownerOnly(204),
  },
  {
    name: 'revoke a share that does not exist',
    method: 'delete',
    path: f => share(f, 'user:default/dave'),
    expected: ownerOnly(404),
  },
  {
    name: 'list what I was invited to',
    method: 'get',
    path: () => '/api/desktops/desktops/shared-with-me',
    expected: [401, 200, 200, 200, 200, 200, 200, 200, 403],
  },
  // ---- existing routes, now honouring shares and instructors ------------
  {
    name: 'read the shared desktop',
    method: 'get',
    path: d,
    expected: serviceRefused(readersGet(200)),
  },
  {
    name: 'view ticket for the shared desktop',
    method: 'post',
    path: f => `${d(f)}/tickets`,
    body: () => ({ mode: 'view' }),
    expected: serviceRefused(readersGet(201)),
  },
  {
    name: 'control ticket for the shared desktop',
    method: 'post',
    path: f => `${d(f)}/tickets`,
    body: () => ({ mode: 'control' }),
    expected: [401, 201, 403, 201, 201, 404, 404, 201, 403],
  },
  {
    name: 'rename the shared desktop',
    method: 'patch',
    path: d,
    body: () => ({ name: 'Renamed' }),
    expected: ownerOnly(200),
  },
  {
    name: 'stop the shared desktop',
    method: 'post',
    path: f => `${d(f)}/stop`,
    expected: ownerOnly(202),
  },
  {
    name: 'upload a file to the shared desktop',
    method: 'put',
    path: f => `${d(f)}/files?name=notes.txt`,
    raw: 'notes',
    expected: ownerOnly(201),
  },
  {
    name: 'delete the shared desktop',
    method: 'delete',
    path: d,
    expected: ownerOnly(204),
  },
];
