import { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { ApiBackend, startApiBackend } from './apiBackend';

/**
 * In a describe block: `startApiBackend(options)` with every plugin on
 * `databaseId`, started before the block's tests (`api` is filled in by
 * then) and stopped after them. With `manualTasks` its scheduler runs tasks
 * only when a test triggers them (`scheduler.triggerTask`), not at startup.
 */
export function databaseApiBackend(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
  options: Parameters<typeof startApiBackend>[0] & {
    manualTasks?: boolean;
  } = {},
) {
  const { manualTasks, ...backendOptions } = options;
  const api = {} as ApiBackend;
  const scheduler = mockServices.scheduler();
  let knex: Knex | undefined;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const schedulerFactory = (
      scheduler as unknown as { factory(options: object): ServiceFactory }
    ).factory({ skipTaskRunOnStartup: true });
    Object.assign(
      api,
      await startApiBackend({
        ...backendOptions,
        modules: [
          ...(backendOptions.modules ?? []),
          mockServices.database.factory({ knex }),
          ...(manualTasks ? [schedulerFactory] : []),
        ],
      }),
    );
  });

  afterAll(async () => {
    await api.stop?.();
  });

  return {
    api,
    scheduler,
    /** The backend's database (once started). */
    knex(): Knex {
      if (!knex) throw new Error('the API backend has not started yet');
      return knex;
    },
  };
}
