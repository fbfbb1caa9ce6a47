import { JsonObject } from '@backstage/types';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type {
  Desktop,
  ImageSave,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';
import { LabstageApi } from '../labstageApi';
import { startLoopbackLabstage } from './loopbackLabstage';

export const TEACHER = 'user:default/teacher';
export const DESKTOP_ID = 'abcdef123456';
export const IMAGE_ID = '6f1c2b9e-3d4a-4c5b-9e8f-0a1b2c3d4e5f';
export const COURSE_ID = '3f2a9c1e-5b7d-4e21-9a0c-c0ffee0c0101';

export function savedImage(overrides: Partial<SavedImage> = {}): SavedImage {
  return {
    id: IMAGE_ID,
    owner: TEACHER,
    name: 'python-lab',
    repository: 'personal/teacher/python-lab',
    tag: 'v3',
    ref: 'registry.test/personal/teacher/python-lab:v3',
    digest: 'sha256:0123',
    sizeBytes: 1234,
    createdAt: '2026-01-01T00:00:00.000Z',
    savedFromDesktopId: DESKTOP_ID,
    usedBy: [],
    ...overrides,
  };
}

export function imageSave(overrides: Partial<ImageSave> = {}): ImageSave {
  return {
    id: 'save-1',
    desktopId: DESKTOP_ID,
    owner: TEACHER,
    repository: 'personal/teacher/python-lab',
    tag: 'v3',
    state: 'saving',
    phase: 'queued',
    detail: null,
    error: null,
    image: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

export function desktop(overrides: Partial<Desktop> = {}): Desktop {
  return {
    id: DESKTOP_ID,
    name: 'My lab',
    owner: TEACHER,
    imageId: 'ubuntu',
    imageRef: 'labstage/desktop:latest',
    imageTitle: 'Ubuntu',
    courseId: null,
    environmentVersion: null,
    state: 'running',
    stateReason: null,
    resources: { cpus: 2, memoryMiB: 2048, pids: 512 },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:00.000Z',
    lastActiveAt: null,
    ...overrides,
  };
}

/**
 * The phases a save goes through in the stand-in: each `GET
 * /image-saves/:id` answers the next one, the last one for good.
 */
export function scriptedSave(steps: Array<Partial<ImageSave>>) {
  let next = 0;
  return () => {
    const step = steps[Math.min(next, steps.length - 1)];
    next += 1;
    return imageSave(step);
  };
}

type Server = Awaited<ReturnType<typeof startLoopbackLabstage>>;

/**
 * The client under test, pointed at the stand-in with the mock auth service
 * (whose plugin tokens say whom they are on behalf of and for which plugin).
 */
export function apiFor(
  server: Server,
  options: { pollIntervalMs?: number; timeoutMs?: number } = {},
) {
  const auth = mockServices.auth({ pluginId: 'scaffolder' });
  const tokenRequests = jest.spyOn(auth, 'getPluginRequestToken');
  const api = new LabstageApi({
    auth,
    discovery: server.discovery,
    pollIntervalMs: options.pollIntervalMs ?? 5,
    timeoutMs: options.timeoutMs,
  });
  return { api, tokenRequests };
}

/** A task context for `input`, started by `initiator`, logging to a mock. */
export function actionContext<TInput extends JsonObject>(
  input: TInput,
  options: { isDryRun?: boolean; initiator?: string } = {},
) {
  const logger = mockServices.logger.mock();
  const credentials = mockCredentials.user(options.initiator ?? TEACHER);
  // The installed createMockActionContext (0.3.14) drops `isDryRun` and
  // `getInitiatorCredentials` from its options, so they are set here.
  const ctx: ActionContext<TInput, any> = {
    // A workspace path of its own would register a cleanup hook per
    // context; these actions never touch the workspace.
    ...createMockActionContext<TInput>({
      input,
      logger,
      workspacePath: '/nonexistent/labstage-actions-use-no-workspace',
    }),
    isDryRun: options.isDryRun,
    getInitiatorCredentials: async () => credentials,
  };
  const logged = () =>
    [...logger.info.mock.calls, ...logger.warn.mock.calls].map(c =>
      String(c[0]),
    );
  return { ctx, logger, credentials, logged };
}
