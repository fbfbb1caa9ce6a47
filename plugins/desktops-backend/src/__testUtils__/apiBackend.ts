import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { User } from '@internal/backstage-plugin-accounts-common';
import { DesktopRuntime } from '@internal/backstage-plugin-desktops-node';
// The real courses plugin says who teaches and who is enrolled.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import coursesPlugin from '@internal/backstage-plugin-courses-backend';
import { matrixSender } from '@internal/backstage-plugin-labstage-node/testUtils';
import { desktopsApi } from './desktopsApi';
import { InMemoryRuntime } from './InMemoryRuntime';
import { startDesktopsBackend } from './testBackend';
import { testRegistryOptions } from './testRegistry';

/**
 * desktops-backend on `runtime` (default an `InMemoryRuntime`; disposed on
 * stop when it can be), behind the real permission backend and Labstage policy, with the
 * `desktopsApi` fixture helpers: the authorization matrices and the route
 * tests share it. With `courses` (the default) the real courses
 * plugin runs beside it, with a registry configured (course environments
 * need one; the fake runtime's saves never reach it), so courses with
 * members and course desktops can be made. `desktops` is merged into the
 * desktops config; `modules` are added as they are; `accounts` replaces
 * the directory's accounts (default `testAccounts`).
 */
export async function startApiBackend(
  options: {
    runtime?: DesktopRuntime & { dispose?(): Promise<void> };
    accounts?: User[];
    courses?: boolean;
    modules?: BackendFeature[];
    desktops?: Record<string, unknown>;
  } = {},
) {
  const runtime = options.runtime ?? new InMemoryRuntime();
  const courses = options.courses ?? true;
  const materials = courses
    ? await fs.mkdtemp(join(os.tmpdir(), 'api-backend-'))
    : undefined;
  const backend = await startDesktopsBackend({
    runtime,
    accounts: options.accounts,
    modules: [...(courses ? [coursesPlugin] : []), ...(options.modules ?? [])],
    config: {
      // The notifications backend makes its links absolute with it.
      app: { baseUrl: 'http://localhost:3000' },
      desktops: {
        ...(courses ? { registry: testRegistryOptions() } : {}),
        // Fixtures make many desktops per user.
        quota: { maxRunningPerUser: 1000 },
        ...options.desktops,
      },
      ...(materials && {
        courses: {
          materials: {
            storage: {
              type: 'filesystem',
              filesystem: { directory: materials },
            },
          },
        },
      }),
    },
  });
  return {
    ...desktopsApi(matrixSender(backend.server, 'application/octet-stream')),
    async stop() {
      await backend.stop();
      await runtime.dispose?.();
      if (materials) await fs.rm(materials, { recursive: true, force: true });
    },
  };
}

/** What `startApiBackend` gives. */
export type ApiBackend = Awaited<ReturnType<typeof startApiBackend>>;
