import {
  AccountsDirectory,
  accountsDirectoryServiceRef,
} from '@internal/backstage-plugin-accounts-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';

type DirectoryUser = NonNullable<
  Awaited<ReturnType<AccountsDirectory['getUser']>>
>;

function account(username: string, role: DirectoryUser['role']): DirectoryUser {
  return {
    username,
    userEntityRef: `user:default/${username}`,
    displayName: username,
    email: `${username}@example.com`,
    role,
    disabled: false,
    createdAt: '2027-01-01T00:00:00.000Z',
  };
}

/** The fixed accounts of the in-memory directory used by these tests. */
export const testAccounts: DirectoryUser[] = [
  account('root', 'admin'),
  account('teacher', 'instructor'),
  account('alice', 'student'),
  account('bob', 'student'),
  account('carol', 'student'),
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
