import { createBackendModule, ServiceRef } from '@backstage/backend-plugin-api';

/**
 * Hands a test the instance of `service` that plugin `pluginId` is given (a
 * module shares its plugin's services): add `feature` to the test backend,
 * then call `get()` once it has started.
 */
export function pluginServiceProbe<T>(
  pluginId: string,
  service: ServiceRef<T, 'plugin' | 'root', 'singleton'>,
) {
  let instance: T | undefined;
  const feature = createBackendModule({
    pluginId,
    moduleId: `test-probe-${service.id.replace(/[^a-z0-9]+/gi, '-')}`,
    register(env) {
      env.registerInit({
        deps: { probed: service },
        async init({ probed }) {
          instance = probed;
        },
      });
    },
  });
  return {
    feature,
    get(): T {
      if (instance === undefined) {
        throw new Error('The backend has not started yet');
      }
      return instance;
    },
  };
}
