import { createBackendModule } from '@backstage/backend-plugin-api';
import { DesktopRuntime } from '../runtime/DesktopRuntime';
import { desktopRuntimeExtensionPoint } from '../runtime/extensionPoint';

/**
 * A runtime module as a `desktops-backend-module-<engine>` package would
 * write it, installing `runtime`.
 *
 * @public
 */
export function runtimeModule(
  runtime: DesktopRuntime,
  moduleId = 'test-runtime',
) {
  return createBackendModule({
    pluginId: 'desktops',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { extension: desktopRuntimeExtensionPoint },
        async init({ extension }) {
          extension.setRuntimeFactory(() => runtime);
        },
      });
    },
  });
}

function noDesktops(): never {
  throw new Error('This test runs no desktops');
}

/**
 * A runtime with nothing in it, for tests that start the desktops plugin
 * for its other routes without a container engine.
 *
 * @public
 */
export const idleRuntime: DesktopRuntime = {
  kind: 'idle',
  start: async () => noDesktops(),
  stop: async () => undefined,
  remove: async () => undefined,
  inspect: async () => undefined,
  list: async () => [],
  endpoint: async () => noDesktops(),
  watch: () => () => undefined,
  uploadFile: async () => noDesktops(),
  downloadFile: async () => noDesktops(),
  // The numbers of a small machine, so capacity reports have something to show.
  capacity: async () => ({ allocatable: { cpus: 2, memoryMiB: 4096 } }),
};
