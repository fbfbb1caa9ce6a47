import type { Desktop } from '@internal/backstage-plugin-desktops-common';

/** A running desktop of alice's, for component tests; override what matters. */
export function aDesktop(overrides: Partial<Desktop> = {}): Desktop {
  return {
    id: 'd1',
    name: 'Homework',
    owner: 'user:default/alice',
    imageId: 'linux',
    imageRef: 'labstage/desktop:latest',
    imageTitle: 'Linux basics',
    courseId: null,
    environmentVersion: null,
    state: 'running',
    stateReason: null,
    resources: { cpus: 1, memoryMiB: 1024, pids: 256 },
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    startedAt: '2026-01-01T10:00:01.000Z',
    lastActiveAt: null,
    ...overrides,
  };
}
