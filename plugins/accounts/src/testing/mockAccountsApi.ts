import type { AccountsApi } from '@internal/backstage-plugin-accounts-react';

/** An AccountsApi whose every method is a jest mock, for component tests. */
export function mockAccountsApi(
  overrides: Partial<AccountsApi> = {},
): jest.Mocked<AccountsApi> {
  return {
    signUp: jest.fn(),
    signIn: jest.fn(),
    signOut: jest.fn(),
    me: jest.fn(),
    changePassword: jest.fn(),
    listUsers: jest.fn(),
    setRole: jest.fn(),
    setDisabled: jest.fn(),
    resetPassword: jest.fn(),
    getDeletionPreview: jest.fn(),
    deleteUser: jest.fn(),
    getOwnDeletionPreview: jest.fn(),
    deleteOwnAccount: jest.fn(),
    ...overrides,
  } as jest.Mocked<AccountsApi>;
}
