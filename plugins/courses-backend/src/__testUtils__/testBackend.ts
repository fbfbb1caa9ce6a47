import {
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AccountsDirectory,
  accountsDirectoryServiceRef,
} from '@internal/backstage-plugin-accounts-node';
// The real permission backend and the real Labstage policy, so the tests
// exercise the same decisions production makes.
import permissionPlugin from '@backstage/plugin-permission-backend';
import labstagePolicyModule from '@internal/backstage-plugin-permission-backend-module-labstage-policy';
import { Knex } from 'knex';
import { coursesPlugin } from '../plugin';
import {
  actorPreservingAuthFactory,
  serviceHeader as sharedServiceHeader,
  userHeader,
} from '@internal/backstage-plugin-labstage-node/testUtils';

type DirectoryUser = NonNullable<
  Awaited<ReturnType<AccountsDirectory['getUser']>>
>;

function account(
  username: string,
  displayName: string,
  role: DirectoryUser['role'],
  disabled = false,
): DirectoryUser {
  return {
    username,
    userEntityRef: `user:default/${username}`,
    displayName,
    email: `${username}@example.com`,
    role,
    disabled,
    createdAt: '2027-01-01T00:00:00.000Z',
  };
}

/** The fixed accounts of the in-memory directory used by these tests. */
export const testAccounts: DirectoryUser[] = [
  account('root', 'Root Admin', 'admin'),
  account('teacher', 'Tea Cher', 'instructor'),
  account('tina', 'Tina Other', 'instructor'),
  account('alice', 'Alice Student', 'student'),
  account('bob', 'Bob Student', 'student'),
  account('carol', 'Carol Student', 'student'),
  account('dave', 'Dave Disabled', 'student', true),
];

/**
 * A fixed in-memory accounts directory standing in for the accounts module
 * (which normally serves accountsDirectoryServiceRef over HTTP).
 */
export const fixedDirectory: AccountsDirectory = {
  async getUser(username) {
    return testAccounts.find(u => u.username === username);
  },
  async getUserByRef(ref) {
    return testAccounts.find(u => u.userEntityRef === ref);
  },
  async listUsers() {
    return testAccounts;
  },
};

export const fixedDirectoryFactory = createServiceFactory({
  service: accountsDirectoryServiceRef,
  deps: {},
  factory: () => fixedDirectory,
});

export { actorPreservingAuthFactory, userHeader };

/** Authorization header of a backend plugin calling courses. */
export function serviceHeader(pluginId: string): string {
  return sharedServiceHeader(pluginId, 'courses');
}

/**
 * Starts courses-backend with the real permission backend and the real
 * Labstage policy module; requests without a token are anonymous.
 */
export async function startCoursesBackend(options: {
  config?: Record<string, unknown>;
  knex?: Knex;
  extraFeatures?: ServiceFactory[];
}) {
  const features = [
    coursesPlugin,
    permissionPlugin,
    labstagePolicyModule,
    fixedDirectoryFactory,
    actorPreservingAuthFactory,
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
    mockServices.rootConfig.factory({
      data: {
        permission: { enabled: true },
        ...(options.config ?? {}),
      },
    }),
    ...(options.knex
      ? [mockServices.database.factory({ knex: options.knex })]
      : []),
    ...(options.extraFeatures ?? []),
  ];
  return startTestBackend({ features });
}
