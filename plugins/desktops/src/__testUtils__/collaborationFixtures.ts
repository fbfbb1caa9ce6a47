import type {
  ClassroomSeat,
  DesktopPresence,
  DesktopShare,
  PresentPerson,
  ShareCandidate,
} from '@internal/backstage-plugin-desktops-common';

/** Bob invited to alice's d1 as viewer; override what matters. */
export function aShare(overrides: Partial<DesktopShare> = {}): DesktopShare {
  return {
    desktopId: 'd1',
    grantee: 'user:default/bob',
    granteeName: 'Bob Brown',
    role: 'viewer',
    grantedBy: 'user:default/alice',
    grantedAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A classmate of alice's in CS101; override what matters. */
export function aCandidate(
  overrides: Partial<ShareCandidate> = {},
): ShareCandidate {
  return {
    userEntityRef: 'user:default/bob',
    displayName: 'Bob Brown',
    relation: 'classmate',
    courses: [{ id: 'c1', title: 'CS101' }],
    ...overrides,
  };
}

/** Someone connected to alice's d1; override what matters. */
export function aPerson(overrides: Partial<PresentPerson> = {}): PresentPerson {
  return {
    userEntityRef: 'user:default/bob',
    displayName: 'Bob Brown',
    mode: 'view',
    since: '2026-01-01T10:00:00.000Z',
    hasControl: false,
    isOwner: false,
    connections: 1,
    ...overrides,
  };
}

/** The presence on alice's d1; nobody there unless given. */
export function aPresence(
  overrides: Partial<DesktopPresence> = {},
): DesktopPresence {
  return {
    desktopId: 'd1',
    owner: 'user:default/alice',
    people: [],
    control: null,
    requests: [],
    ...overrides,
  };
}

/** A student with a running course desktop; override what matters. */
export function aSeat(overrides: Partial<ClassroomSeat> = {}): ClassroomSeat {
  const username = overrides.username ?? 'alice';
  const id = `desk-${username}`;
  return {
    userEntityRef: `user:default/${username}`,
    username,
    displayName: 'Alice Adams',
    desktop: {
      id,
      name: 'CS101',
      state: 'running',
      stateReason: null,
      lastActiveAt: '2026-01-01T10:00:00.000Z',
    },
    handRaisedAt: null,
    idleMinutes: 0,
    thumbnailPath: `/desktops/${id}/thumbnail`,
    ...overrides,
  };
}
