import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { accountsDirectoryServiceRef } from '@internal/backstage-plugin-accounts-node';
import { testAccount } from '@internal/backstage-plugin-accounts-node/testUtils';
import {
  pluginServiceProbe,
  serviceHeader as sharedServiceHeader,
  startPluginTestBackend,
  userHeader,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { Knex } from 'knex';
import { coursesPlugin } from '../plugin';

/** The fixed accounts of the in-memory directory used by these tests. */
export const testAccounts = [
  testAccount('root', 'admin', { displayName: 'Root Admin' }),
  testAccount('teacher', 'instructor', { displayName: 'Tea Cher' }),
  testAccount('tina', 'instructor', { displayName: 'Tina Other' }),
  testAccount('alice', 'student', { displayName: 'Alice Student' }),
  testAccount('bob', 'student', { displayName: 'Bob Student' }),
  testAccount('carol', 'student', { displayName: 'Carol Student' }),
  testAccount('dave', 'student', {
    displayName: 'Dave Disabled',
    disabled: true,
  }),
];

export { userHeader };

/** Authorization header of a backend plugin calling courses. */
export function serviceHeader(pluginId: string): string {
  return sharedServiceHeader(pluginId, 'courses');
}

/**
 * Hands a test the accounts directory instance the courses plugin is given,
 * so the test can spy on lookups.
 */
export function coursesDirectoryProbe() {
  const probe = pluginServiceProbe('courses', accountsDirectoryServiceRef);
  return { feature: probe.feature, directory: probe.get };
}

/**
 * Starts courses-backend with the real permission backend and the real
 * Labstage policy module; requests without a token are anonymous.
 */
export async function startCoursesBackend(options: {
  config?: Record<string, unknown>;
  knex?: Knex;
  extraFeatures?: BackendFeature[];
}) {
  return startPluginTestBackend({
    features: [
      coursesPlugin,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.extraFeatures ?? []),
    ],
    accounts: testAccounts,
    config: options.config,
  });
}
