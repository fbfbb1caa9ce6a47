import { createServiceFactory } from '@backstage/backend-plugin-api';
import { LabstageRole, User } from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from '../AccountsDirectory';
import { accountsDirectoryServiceRef } from '../accountsDirectoryServiceRef';

/** An account for a test directory; the display name defaults to the username. */
export function testAccount(
  username: string,
  role: LabstageRole,
  options: { displayName?: string; disabled?: boolean } = {},
): User {
  return {
    username,
    userEntityRef: `user:default/${username}`,
    displayName: options.displayName ?? username,
    email: `${username}@example.com`,
    role,
    disabled: options.disabled ?? false,
    createdAt: '2026-11-01T00:00:00.000Z',
  };
}

/** An in-memory directory holding exactly the given accounts. */
export function fixedAccountsDirectory(accounts: User[]): AccountsDirectory {
  return {
    async getUser(username) {
      return accounts.find(u => u.username === username);
    },
    async getUserByRef(ref) {
      return accounts.find(u => u.userEntityRef === ref);
    },
    async listUsers() {
      return accounts;
    },
  };
}

/**
 * Serves a fixed directory as `accountsDirectoryServiceRef`, standing in for
 * the accounts module (which serves it over HTTP in a real backend).
 */
export function fixedAccountsDirectoryFactory(accounts: User[]) {
  return createServiceFactory({
    service: accountsDirectoryServiceRef,
    deps: {},
    factory: () => fixedAccountsDirectory(accounts),
  });
}
