import type {
  ImageSave,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';

const REGISTRY = '127.0.0.1:5000';

/** One of alice's saved images, for component tests; override what matters. */
export function anImage(overrides: Partial<SavedImage> = {}): SavedImage {
  const name = overrides.name ?? 'python-lab';
  const tag = overrides.tag ?? 'v1';
  const repository = overrides.repository ?? `personal/alice/${name}`;
  return {
    id: `img-${name}-${tag}`,
    owner: 'user:default/alice',
    name,
    repository,
    tag,
    ref: `${REGISTRY}/${repository}:${tag}`,
    digest: 'sha256:0123',
    sizeBytes: 300 * 1024 * 1024,
    createdAt: '2026-01-01T10:00:00.000Z',
    savedFromDesktopId: 'd1',
    usedBy: [],
    ...overrides,
  };
}

/** A save of alice's desktop d1, just accepted; override what matters. */
export function aSave(overrides: Partial<ImageSave> = {}): ImageSave {
  return {
    id: 's1',
    desktopId: 'd1',
    owner: 'user:default/alice',
    repository: 'personal/alice/python-lab',
    tag: 'v2',
    state: 'saving',
    phase: 'queued',
    detail: null,
    error: null,
    image: null,
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}
